/** Posts the sign-in form as a browser does (urlencoded, with its Origin), with any extra headers. */
export function postSignIn(
  baseUrl: string,
  token: string,
  headers: Record<string, string> = {},
  path = "/admin/sign-in",
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl, ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}

/** The `name=value` part of a Set-Cookie answer, to send back as a Cookie header. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.get("set-cookie") ?? "";
  const pair = cookie.split(";")[0] ?? "";
  if (!pair.startsWith("aup_admin=")) throw new Error(`The answer set no session cookie (Set-Cookie: ${cookie}).`);
  return pair;
}
