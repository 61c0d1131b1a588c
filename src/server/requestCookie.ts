/**
 * One cookie's value from a request's Cookie header, for code that has the request but not Astro's
 * cookies (the acknowledgement handler, the identity helpers). Undefined when it is absent or empty.
 */
export function requestCookie(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined; // a broken escape is a cookie nobody here set
    }
  }
  return undefined;
}
