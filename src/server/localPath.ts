// A page's path and query, with room to spare; a longer one would swell the sign-in cookie past what browsers keep.
const MAX_LENGTH = 1024;

/**
 * Where to send someone after signing in: a path on this site only, never another site
 * ("//evil.example", "/\\evil.example") and never a header break (CR, LF). Anything else becomes `fallback`.
 */
export function localPath(value: string | null | undefined, fallback = "/course"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.length > MAX_LENGTH) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return /[\u0000-\u001f\u007f]/.test(value) ? fallback : value;
}
