import type { ServerResponse } from "node:http";

/** Pages that show records or hold the sign-in form: never framed, never cached. */
const PRIVATE_PAGE = /^\/(?:admin(?:\/|$)|receipt\/)/;
const API = /^\/api\//;

/**
 * The headers every answer of the site server carries, set before Astro answers (headers Astro
 * writes itself win, which is how a page's own Content-Security-Policy, with the hashes of its
 * inline styles and scripts, replaces the fallback set here for API answers). The SCORM builds never
 * pass through here: an LMS serves them, inside its own frame.
 */
export function setSecurityHeaders(res: ServerResponse, pathname: string, overHttps: boolean): void {
  res.setHeader("x-content-type-options", "nosniff");
  // Same-origin only: a receipt's address carries its key, which must not leak to other sites.
  res.setHeader("referrer-policy", "same-origin");
  if (overHttps) res.setHeader("strict-transport-security", "max-age=31536000");
  const isApi = API.test(pathname);
  if (!isApi && !PRIVATE_PAGE.test(pathname)) return;
  res.setHeader("cache-control", "no-store");
  // For browsers older than CSP's frame-ancestors; the pages' own policy says the same.
  res.setHeader("x-frame-options", "DENY");
  if (isApi) res.setHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
}
