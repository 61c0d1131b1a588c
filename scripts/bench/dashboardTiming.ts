import { syntheticEmployeesNamed } from "./syntheticRoster.ts";

export interface PageTiming {
  path: string;
  requests: number;
  medianMs: number;
  p95Ms: number;
  /** Bytes of the answer's body (the last one). */
  bytes: number;
  /** Employees of the synthetic roster the answer names (by id or email): a page of them, or all. */
  employeesShown: number;
}

/** Imports a roster CSV through the admin API (`POST /api/admin/roster`), as HR's tooling would. */
export async function importRosterOverHttp(url: string, token: string, csv: string): Promise<void> {
  const response = await fetch(`${url}/api/admin/roster`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body: csv,
  });
  if (!response.ok) throw new Error(`The roster import answered ${response.status}: ${await response.text()}`);
}

/** Signs in on the dashboard's sign-in form, as HR does, and returns the session cookie. */
export async function signIn(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/admin/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ token }).toString(),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (response.status !== 303 || !cookie)
    throw new Error(`Signing in answered ${response.status} without a session: ${await response.text()}`);
  return cookie;
}

/**
 * `requests` timed GETs of `path` (after one untimed, which pays for the first render's compilation),
 * one at a time: the time to the whole body, as HR waits for it.
 */
export async function pageTiming(url: string, path: string, cookie: string, requests: number): Promise<PageTiming> {
  const get = async () => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 500)}`);
    return { ms, body };
  };
  await get();
  const times: number[] = [];
  let last = "";
  for (let i = 0; i < requests; i++) {
    const { ms, body } = await get();
    times.push(ms);
    last = body;
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)] ?? 0;
  return {
    path,
    requests,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    bytes: Buffer.byteLength(last),
    employeesShown: syntheticEmployeesNamed(last),
  };
}
