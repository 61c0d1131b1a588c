import { describe, expect, it } from "vitest";
import { trustedProxies } from "../../src/server/trustedProxies.ts";

const list = (value: string) => trustedProxies({ AUP_TRUSTED_PROXIES: value });

describe("AUP_TRUSTED_PROXIES", () => {
  it("trusts the loopback addresses when unset, and nothing else", () => {
    const proxies = trustedProxies({});
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1"].map((a) => proxies.trusts(a))).toEqual([true, true, true]);
    expect(["127.0.0.2", "10.0.0.1", "::2", "", undefined].map((a) => proxies.trusts(a))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("takes IPv4 and IPv6 addresses and CIDR ranges, with spaces around the commas", () => {
    const proxies = list(" 10.0.0.0/8 , 192.168.1.7,fd00::/8, 2001:db8::1 ");
    expect(proxies.entries).toEqual(["10.0.0.0/8", "192.168.1.7", "fd00::/8", "2001:db8::1"]);
    const trusted = ["10.0.0.1", "10.255.255.255", "::ffff:10.1.2.3", "192.168.1.7", "fd12:3456::1", "2001:db8::1"];
    const refused = ["11.0.0.1", "192.168.1.8", "fe80::1", "2001:db8::2", "not-an-address"];
    expect(trusted.filter((a) => !proxies.trusts(a))).toEqual([]);
    expect(refused.filter((a) => proxies.trusts(a))).toEqual([]);
  });

  it("trusts nobody when set to nothing", () => {
    expect(list("").trusts("127.0.0.1")).toBe(false);
  });

  it.each([
    ["10.0.0.300", "is not an IPv4 or IPv6 address"],
    ["proxy.internal", "is not an IPv4 or IPv6 address"],
    ["10.0.0.0/33", "a whole number from 0 to 32"],
    ["fd00::/129", "a whole number from 0 to 128"],
    ["10.0.0.0/8/8", "is not an IPv4 or IPv6 address"],
    ["10.0.0.0/x", "a whole number from 0 to 32"],
  ])("refuses %s, naming the entry and how to write one", (entry, problem) => {
    expect(() => list(`127.0.0.1,${entry}`)).toThrow(
      new RegExp(`AUP_TRUSTED_PROXIES entry "${entry.replace(/[./]/g, "\\$&")}" .*${problem}.*for example`),
    );
  });
});
