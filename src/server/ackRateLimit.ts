import { json } from "./jsonResponse.ts";
import { clientKey, FixedWindowLimiter } from "./rateLimit.ts";
import { countOf } from "../lib/plural.ts";

/**
 * Acknowledgements per client address per minute, by default. A person acknowledges a few times a
 * year (onboarding, a refresher each quarter, a retry or two), so one address sending more than one
 * a second is a script. An office behind one NAT shares an address: 60 a minute still lets a whole
 * floor acknowledge together on deadline day, while a flood is held to about 60 bodies a minute.
 */
export const DEFAULT_ACK_RATE_LIMIT = 60;
const WINDOW_MS = 60_000;

/**
 * AUP_ACK_RATE_LIMIT: acknowledgements accepted per client address per minute; `0` turns the limit
 * off (load tests, or a server that only a trusted proxy reaches: every request then comes from the
 * proxy's address). Anything but a whole number of 0 or more throws, so that the server refuses to
 * start rather than guess.
 */
export function ackRateLimit(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.AUP_ACK_RATE_LIMIT;
  if (value === undefined) return DEFAULT_ACK_RATE_LIMIT;
  if (!/^\d+$/.test(value.trim()))
    throw new Error(
      `AUP_ACK_RATE_LIMIT is ${JSON.stringify(value)}; it must be a whole number of acknowledgements per client address per minute (${DEFAULT_ACK_RATE_LIMIT} when unset), or 0 to turn the limit off.`,
    );
  return Number(value.trim());
}

// The limiter lives in this module: only the acknowledgements route counts, and Astro bundles this
// module once into the server build, so every request of the process meets the same counters (the
// server entry imports it too, but only to check the variable at start).
let limiter: FixedWindowLimiter | undefined;

/**
 * The 429 answer for a client over its limit, or undefined when the request may go on. Called before
 * the body is read, so that a refused client costs no parsing and writes nothing.
 */
export function acknowledgementRateLimit(clientAddress: string): Response | undefined {
  const limit = ackRateLimit();
  if (limit === 0) return undefined;
  limiter ??= new FixedWindowLimiter(limit, WINDOW_MS);
  const decision = limiter.hit(clientKey(clientAddress));
  if (decision.allowed) return undefined;
  const seconds = decision.retryAfterSeconds;
  return json(
    429,
    {
      error: `Too many acknowledgements from your network address: this server accepts ${limit} a minute from one address. Nothing was recorded. Try again in ${countOf(seconds, "second")}; if many colleagues share this address, ask the server's administrator to raise AUP_ACK_RATE_LIMIT.`,
    },
    { "retry-after": String(seconds) },
  );
}
