import { clientKey, FixedWindowLimiter } from "./rateLimit.ts";
import { countOf } from "../lib/plural.ts";

/** Wrong tokens a client may send before it has to wait, and how long the count lasts. */
export const SIGN_IN_FAILURES = 5;
const WINDOW_MS = 5 * 60_000;

// Only the sign-in page counts, and Astro bundles this module once into the server build.
const failures = new FixedWindowLimiter(SIGN_IN_FAILURES, WINDOW_MS);

/** Seconds the client must wait before trying another token, or 0 when it may try now. */
export function signInWait(clientAddress: string): number {
  return failures.retryAfter(clientKey(clientAddress));
}

/** Counts a wrong token against the client (a right one costs nothing). */
export function countFailedSignIn(clientAddress: string): void {
  failures.hit(clientKey(clientAddress));
}

export function tooManySignInsMessage(seconds: number): string {
  return `Too many wrong tokens from your network address: sign-in is paused for ${countOf(seconds, "second")}. Check AUP_ADMIN_TOKEN (or the data folder's admin-token file), then try again.`;
}
