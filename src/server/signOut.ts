import type { AstroCookies } from "astro";
import { isStoreError } from "../records/storeError.ts";
import { recordsStore } from "./storeRegistry.ts";

/**
 * Signs out: ends the sessions the cookies name, in the store (so that a copy of a cookie stops
 * working on every server), then drops the cookies. When the store cannot be reached the sessions
 * are not known to have ended, so the answer says so (503) and keeps the cookies, rather than
 * telling someone on a shared machine that they signed out while their session lives on.
 */
export async function endSessions(
  cookies: AstroCookies,
  names: readonly string[],
  done: () => Response,
): Promise<Response> {
  try {
    const { sessions } = await recordsStore();
    for (const name of names) await sessions.end(cookies.get(name)?.value);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return new Response(`You are not signed out yet: ${error.message}`, {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" },
    });
  }
  for (const name of names) cookies.delete(name, { path: "/" });
  return done();
}
