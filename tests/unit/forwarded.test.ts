import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { applyForwarded, forwardedHops, PEER_ADDRESS_HEADER } from "../../src/server/forwarded.ts";
import { trustedProxies } from "../../src/server/trustedProxies.ts";

const proxies = trustedProxies({ AUP_TRUSTED_PROXIES: "127.0.0.1,10.0.0.0/8" });

function apply(peer: string, headers: IncomingHttpHeaders) {
  const copy: IncomingHttpHeaders = { host: "app.internal:4321", ...headers };
  return { original: applyForwarded(copy, peer, proxies), headers: copy };
}

describe("forwarding headers", () => {
  it("are removed, every one, when the peer is not a trusted proxy", () => {
    const { original, headers } = apply("203.0.113.5", {
      forwarded: "for=1.2.3.4;proto=https;host=evil.example",
      "x-forwarded-for": "1.2.3.4",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      "x-real-ip": "1.2.3.4",
    });
    expect(original).toEqual({ viaTrustedProxy: false, clientAddress: "203.0.113.5" });
    expect(headers).toEqual({ host: "app.internal:4321", [PEER_ADDRESS_HEADER]: "203.0.113.5" });
  });

  it("give protocol, host and client from a trusted proxy's X-Forwarded-*", () => {
    const { original, headers } = apply("::ffff:127.0.0.1", {
      "x-forwarded-for": "198.51.100.7",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "hr.example.com",
    });
    expect(original).toEqual({
      viaTrustedProxy: true,
      protocol: "https",
      host: "hr.example.com",
      clientAddress: "198.51.100.7",
    });
    expect(headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(headers[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
  });

  it("walk X-Forwarded-For back past trusted proxies only: a client cannot prepend an address", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the edge proxy appended the client, the inner one the edge.
    const { original } = apply("127.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.2.3" });
    expect(original.clientAddress).toBe("198.51.100.7");
  });

  it("read RFC 7239 Forwarded, quoted IPv6 with ports included, in preference to X-Forwarded-*", () => {
    const { original, headers } = apply("10.0.0.2", {
      forwarded: 'for="[2001:db8:cafe::17]:4711";proto=HTTPS;host="hr.example.com:8443", for=10.0.0.9;proto=http',
      "x-forwarded-for": "6.6.6.6",
      "x-forwarded-proto": "http",
    });
    expect(original).toEqual({
      viaTrustedProxy: true,
      protocol: "https",
      host: "hr.example.com:8443",
      clientAddress: "2001:db8:cafe::17",
    });
    expect(headers).toMatchObject({
      "x-forwarded-for": "2001:db8:cafe::17",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "hr.example.com:8443",
    });
  });

  it("ignore values that are not a protocol, a host or an address", () => {
    const { original, headers } = apply("127.0.0.1", {
      forwarded: 'for=unknown;proto=javascript;host="evil.example/path"',
    });
    expect(original).toEqual({
      viaTrustedProxy: true,
      protocol: undefined,
      host: undefined,
      clientAddress: "127.0.0.1",
    });
    expect(headers["x-forwarded-proto"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
  });

  it("parse Forwarded's quoting: commas and semicolons inside quotes stay in the value", () => {
    expect(forwardedHops('for="a,b;c";by=x, For=192.0.2.1 ; PROTO=https')).toEqual([
      { for: "a,b;c" },
      { for: "192.0.2.1", proto: "https" },
    ]);
  });
});
