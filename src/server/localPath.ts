/**
 * Where to send someone after signing in: a path on this site only, never another site
 * ("//evil.example", "/\\evil.example") and never a header break (CR, LF). Anything else becomes `fallback`.
 */
export function localPath(value: string | null | undefined, fallback = "/course"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return /[\u0000-\u001f\u007f]/.test(value) ? fallback : value;
}
