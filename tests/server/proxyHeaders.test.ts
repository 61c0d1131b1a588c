import { describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer } from "../../scripts/harness/server.ts";
import { dataDir } from "../support/records.ts";
import { serveData } from "../support/servedData.ts";
import { postSignIn, sessionCookie } from "../support/signIn.ts";

const TOKEN = "proxy-test-admin-token-0123456789";
/** What nginx or Caddy in front of the server adds to a request that reached it over TLS. */
const TLS_PROXY = {
  "x-forwarded-proto": "https",
  "x-forwarded-host": "hr.example.com",
  "x-forwarded-for": "198.51.100.7",
  origin: "https://hr.example.com",
};

const serve = (trusted: string, env: NodeJS.ProcessEnv = {}) =>
  serveData(dataDir(), { AUP_ADMIN_TOKEN: TOKEN, AUP_TRUSTED_PROXIES: trusted, ...env });

describe("behind a TLS reverse proxy (AUP_TRUSTED_PROXIES)", () => {
  it("signs HR in through a trusted proxy's X-Forwarded-* with a Secure cookie that then opens the dashboard", async () => {
    const { url } = await serve("10.0.0.0/8,127.0.0.1");
    const signIn = await postSignIn(url, TOKEN, TLS_PROXY);
    expect(signIn.status, await signIn.text()).toBe(303);
    expect(signIn.headers.get("location")).toBe("/admin");
    expect(signIn.headers.get("set-cookie")).toMatch(/; Secure/);
    expect(signIn.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const dashboard = await fetch(`${url}/admin`, {
      redirect: "manual",
      headers: { ...TLS_PROXY, cookie: sessionCookie(signIn) },
    });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Acknowledgements");
  });

  it("reads RFC 7239 Forwarded from a trusted proxy too", async () => {
    const { url } = await serve("127.0.0.1");
    const signIn = await postSignIn(url, TOKEN, {
      forwarded: 'for="[2001:db8::7]:4711";proto=https;host=hr.example.com',
      origin: "https://hr.example.com",
    });
    expect(signIn.status, await signIn.text()).toBe(303);
    expect(signIn.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("ignores the same headers when the peer is not a trusted proxy: no https, no other host, no other address", async () => {
    const { url } = await serve("10.0.0.0/8,fd00::/8");
    // The form claims to come from https://hr.example.com, but the server knows it is http://127.0.0.1.
    const claimed = await postSignIn(url, TOKEN, TLS_PROXY);
    expect(claimed.status).toBe(403);
    expect(await claimed.text()).toMatch(/Cross-site POST form submissions are forbidden/);
    const plain = await postSignIn(url, TOKEN, { ...TLS_PROXY, origin: url });
    expect(plain.status).toBe(303);
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/i);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // Failed sign-ins count against the real peer, whatever X-Forwarded-For says.
    for (let i = 1; i <= 5; i++)
      expect(
        (await postSignIn(url, "wrong", { ...TLS_PROXY, origin: url, "x-forwarded-for": `192.0.2.${i}` })).status,
      ).toBe(401);
    expect(
      (await postSignIn(url, "wrong", { ...TLS_PROXY, origin: url, "x-forwarded-for": "192.0.2.99" })).status,
    ).toBe(429);
  });

  it("counts failed sign-ins and acknowledgements per real client behind a trusted proxy", async () => {
    const { url } = await serve("127.0.0.1", { AUP_ACK_RATE_LIMIT: "2" });
    const from = (client: string) => ({ ...TLS_PROXY, "x-forwarded-for": client });
    for (let i = 0; i < 5; i++) expect((await postSignIn(url, "wrong", from("198.51.100.1"))).status).toBe(401);
    const locked = await postSignIn(url, "wrong", from("198.51.100.1"));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another employee behind the same proxy is not locked out by the first one's mistakes.
    expect((await postSignIn(url, TOKEN, from("198.51.100.2"))).status).toBe(303);

    const ack = (client: string, id: string) => post(url, validBody(id), { "x-forwarded-for": client });
    expect((await ack("203.0.113.1", "proxyack0001")).status).toBe(201);
    expect((await ack("203.0.113.1", "proxyack0002")).status).toBe(201);
    expect((await ack("203.0.113.1", "proxyack0003")).status).toBe(429);
    expect((await ack("203.0.113.2", "proxyack0004")).status).toBe(201);
  });

  it("refuses to start with a malformed entry, naming it", async () => {
    await expect(
      startServer({ AUP_DATA_DIR: dataDir(), AUP_ADMIN_TOKEN: TOKEN, AUP_TRUSTED_PROXIES: "127.0.0.1,10.0.0/8" }),
    ).rejects.toThrow(
      /aup-course cannot start: AUP_TRUSTED_PROXIES entry "10\.0\.0\/8" is not an IPv4 or IPv6 address/,
    );
  });
});
