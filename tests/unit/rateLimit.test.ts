import { describe, expect, it } from "vitest";
import { ackRateLimit, DEFAULT_ACK_RATE_LIMIT } from "../../src/server/ackRateLimit.ts";
import { clientKey, FixedWindowLimiter } from "../../src/server/rateLimit.ts";

/** A clock the test moves by hand, so that a minute passes without waiting for it. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the fixed-window rate limiter", () => {
  it("allows the limit in a window, refuses the next with the seconds left, and allows again once the window has passed", () => {
    const time = clock();
    const limiter = new FixedWindowLimiter(3, 60_000, time.now);
    expect([1, 2, 3].map(() => limiter.hit("a").allowed)).toEqual([true, true, true]);
    expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    time.advance(45_500);
    expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterSeconds: 15 }); // 14.5 s, rounded up
    time.advance(14_499);
    expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(1);
    expect(limiter.hit("a")).toEqual({ allowed: true });
    expect([1, 2].map(() => limiter.hit("a").allowed)).toEqual([true, true]);
    expect(limiter.hit("a").allowed).toBe(false);
  });

  it("says how long a client must wait without counting a hit (the sign-in form checks before it counts)", () => {
    const time = clock();
    const limiter = new FixedWindowLimiter(2, 60_000, time.now);
    expect(limiter.retryAfter("a")).toBe(0);
    limiter.hit("a");
    expect([limiter.retryAfter("a"), limiter.retryAfter("a")]).toEqual([0, 0]);
    limiter.hit("a");
    expect(limiter.retryAfter("a")).toBe(60);
    time.advance(59_001);
    expect(limiter.retryAfter("a")).toBe(1);
    time.advance(999);
    expect(limiter.retryAfter("a")).toBe(0);
    expect(limiter.hit("a")).toEqual({ allowed: true });
  });

  it("counts each client on its own", () => {
    const limiter = new FixedWindowLimiter(1, 60_000, clock().now);
    expect(limiter.hit("a").allowed).toBe(true);
    expect(limiter.hit("a").allowed).toBe(false);
    expect(limiter.hit("b").allowed).toBe(true);
  });

  it("forgets clients whose window has passed, so that many clients over time do not grow its memory", () => {
    const time = clock();
    const limiter = new FixedWindowLimiter(5, 60_000, time.now);
    for (let n = 0; n < 10_000; n++) {
      limiter.hit(`client${n}`);
      time.advance(100); // 10,000 clients over 1,000 s: about 600 in any one minute
    }
    expect(limiter.clients).toBeLessThanOrEqual(601);
    time.advance(60_000);
    limiter.hit("late");
    expect(limiter.clients).toBe(1);
  });

  it("holds at most maxClients at once, dropping the oldest windows first", () => {
    const limiter = new FixedWindowLimiter(1, 60_000, clock().now, 100);
    for (let n = 0; n < 1000; n++) limiter.hit(`client${n}`);
    expect(limiter.clients).toBe(100);
    expect(limiter.hit("client999").allowed).toBe(false); // recent: still counted
    expect(limiter.hit("client0").allowed).toBe(true); // oldest: dropped, so counted afresh
  });
});

describe("the client key", () => {
  it("is the IPv4 address, written as IPv4 or as IPv4-mapped IPv6", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("is the /64 prefix of an IPv6 address, however it is written", () => {
    const key = clientKey("2001:db8:0:0:1:2:3:4");
    expect(key).toBe("2001:db8:0:0::/64");
    expect(clientKey("2001:db8::ffff:5")).toBe(key);
    expect(clientKey("2001:0DB8:0000::1")).toBe(key);
    expect(clientKey("2001:db8::")).toBe(key);
    expect(clientKey("2001:db8:0:1::1")).not.toBe(key);
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});

describe("AUP_ACK_RATE_LIMIT", () => {
  it("is 60 a minute when unset, and 0 turns the limit off", () => {
    expect(ackRateLimit({})).toBe(DEFAULT_ACK_RATE_LIMIT);
    expect(DEFAULT_ACK_RATE_LIMIT).toBe(60);
    expect(ackRateLimit({ AUP_ACK_RATE_LIMIT: "0" })).toBe(0);
    expect(ackRateLimit({ AUP_ACK_RATE_LIMIT: " 250 " })).toBe(250);
  });

  it.each(["", "sixty", "-1", "1.5", "1e3", "60/min"])("refuses %j, saying what to write", (value) => {
    expect(() => ackRateLimit({ AUP_ACK_RATE_LIMIT: value })).toThrow(
      `AUP_ACK_RATE_LIMIT is ${JSON.stringify(value)}; it must be a whole number of acknowledgements per client address per minute (60 when unset), or 0 to turn the limit off.`,
    );
  });
});
