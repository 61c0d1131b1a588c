export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

/**
 * At most `limit` hits per client key in each window of `windowMs`, a window starting at a client's
 * first hit (a fixed window: simple, and a burst at a window's edge can reach twice the limit, which
 * is still a brake). Memory stays bounded: the map keeps windows in the order they started, so the
 * expired ones are dropped from its front at every hit, and past `maxClients` live windows the
 * oldest go first. A flood of distinct addresses can so reset old counters, but never grow the map.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxClients: number;

  /** `now` in milliseconds, monotonic by default (a clock set back must not lock anyone out). */
  constructor(limit: number, windowMs: number, now: () => number = () => performance.now(), maxClients = 100_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
    this.maxClients = maxClients;
  }

  /** Counts a hit for `key`, unless it is over the limit: then says in how many seconds to come back. */
  hit(key: string): RateDecision {
    const now = this.now();
    this.prune(now);
    let window = this.windows.get(key);
    if (!window) {
      while (this.windows.size >= this.maxClients) this.dropOldest();
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    window.count++;
    return { allowed: true };
  }

  /** Seconds until `key` may hit again, or 0 when it may now; counts nothing (a check before the work). */
  retryAfter(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.start + this.windowMs <= now || window.count < this.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  /** How many clients have a live window (for tests of the memory bound). */
  get clients(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.start + this.windowMs > now) return;
      this.windows.delete(key);
    }
  }

  private dropOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}

/**
 * The key a client is counted under: its address, an IPv4 address written as IPv6 (`::ffff:1.2.3.4`)
 * as plain IPv4, and an IPv6 address by its /64 prefix, since one host is usually given a whole /64
 * and could otherwise take a new address for every request.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [bare = ""] = address.toLowerCase().split("%"); // a zone id (fe80::1%eth0) names no other host
  const [head = "", tail] = bare.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = Math.max(0, 8 - left.length - right.length);
  const full = [...left, ...Array.from({ length: missing }, () => "0"), ...right];
  return `${full
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
