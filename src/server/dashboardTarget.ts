/** A path of the dashboard: /admin, then nothing or a path, query or fragment of printable characters. */
const DASHBOARD_PATH = /^\/admin(?:[/?#][\x21-\x7e]*)?$/;

/**
 * Where the sign-in page sends HR afterwards (`?next=`): only back inside the dashboard, never to
 * another site (`//evil.example`, `/\\evil.example`), and never with characters that would break the
 * Location header (a CR or LF there was a header injection, and a 500). Undefined when `next` is
 * not such a path.
 */
export function dashboardTarget(next: string | null): string | undefined {
  if (next === null) return "/admin";
  if (!DASHBOARD_PATH.test(next) || next.includes("\\") || next.startsWith("/admin//")) return undefined;
  return next;
}
