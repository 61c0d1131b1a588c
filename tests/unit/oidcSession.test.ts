import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FLOW_SECONDS, openFlow, sealFlow } from "../../src/server/oidcFlow.ts";
import { MemorySessions } from "../../src/records/sessionStore.ts";
import { createSession, readSession } from "../../src/server/oidcSession.ts";
import { localPath } from "../../src/server/localPath.ts";
import { requestCookie } from "../../src/server/requestCookie.ts";

const who = { subject: "sub-1", email: "grace@kestrel.example", name: "Grace", hr: false };

describe("provider sign-in sessions (server-side)", () => {
  const sessions = new MemorySessions();

  it("reads a session until it expires, and never after", async () => {
    const now = 1_000_000;
    const { id, maxAge } = await createSession(sessions, who, 60_000, now);
    expect(maxAge).toBe(60);
    expect(await readSession(sessions, id, now + 59_999)).toEqual(who);
    expect(await readSession(sessions, id, now + 60_000)).toBeUndefined();
    // Once found expired it is gone, even for a clock that goes back.
    expect(await readSession(sessions, id, now)).toBeUndefined();
  });

  it("ends a session at sign-out, so that the same cookie names nobody", async () => {
    const { id } = await createSession(sessions, who, 60_000);
    await sessions.end(id);
    expect(await readSession(sessions, id)).toBeUndefined();
    expect(await readSession(sessions, "not-a-session-id")).toBeUndefined();
    expect(await readSession(sessions, undefined)).toBeUndefined();
  });

  it("signs nobody in with a session that is not a provider sign-in's", async () => {
    const admin = await sessions.open("admin", {}, { lifetimeMs: 60_000 });
    expect(await readSession(sessions, admin.id)).toBeUndefined();
    const odd = await sessions.open("oidc", { subject: "", email: 3 }, { lifetimeMs: 60_000 });
    expect(await readSession(sessions, odd.id)).toBeUndefined();
  });

  it("gives each sign-in its own unguessable id", async () => {
    const ids = new Set(
      await Promise.all(Array.from({ length: 50 }, async () => (await createSession(sessions, who, 60_000)).id)),
    );
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[\w-]{43}$/);
  });
});

describe("the sign-in flow cookie", () => {
  const key = randomBytes(32);
  const flow = {
    state: "st",
    nonce: "no",
    codeVerifier: "a-verifier",
    next: "/course",
    expiresAt: Date.now() + 60_000,
  };

  it("opens what it sealed, without showing the verifier", () => {
    const sealed = sealFlow(flow, key);
    expect(sealed).not.toContain("a-verifier");
    expect(Buffer.from(sealed, "base64url").toString("latin1")).not.toContain("a-verifier");
    expect(openFlow(sealed, key)).toEqual({ flow });
  });

  it("refuses a missing, altered, foreign or expired cookie with what to do", () => {
    expect(openFlow(undefined, key)).toEqual({ problem: expect.stringContaining("no sign-in in progress") as string });
    const sealed = sealFlow(flow, key);
    const flipped = Buffer.from(sealed, "base64url");
    flipped[flipped.length - 1] = (flipped.at(-1) ?? 0) ^ 1;
    for (const bad of [flipped.toString("base64url"), "garbage", sealed.slice(0, 20)])
      expect(openFlow(bad, key)).toEqual({ problem: expect.stringContaining("was altered") as string });
    // Sealed by a server with another secret.
    expect(openFlow(sealed, randomBytes(32))).toEqual({ problem: expect.stringContaining("another secret") as string });
    expect(openFlow(sealed, key, flow.expiresAt)).toEqual({
      problem: `The sign-in took longer than ${FLOW_SECONDS / 60} minutes. Start it again.`,
    });
  });
});

describe("where a sign-in may send the browser", () => {
  it("keeps paths of this site and refuses other sites and header breaks", () => {
    expect(localPath("/refresher?x=1")).toBe("/refresher?x=1");
    expect(localPath("/admin", "/admin")).toBe("/admin");
    for (const bad of [
      null,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/course\r\nSet-Cookie: x=1",
    ])
      expect(localPath(bad)).toBe("/course");
    // Too long for the sign-in cookie to carry.
    expect(localPath(`/course?${"a".repeat(2000)}`)).toBe("/course");
  });
});

describe("a cookie from the request", () => {
  it("finds one cookie by its exact name", () => {
    const request = new Request("http://x/", { headers: { cookie: "aup_oidc_flow=abc; aup_oidc=s%2Fid; other=1" } });
    expect(requestCookie(request, "aup_oidc")).toBe("s/id");
    expect(requestCookie(request, "aup_oidc_flow")).toBe("abc");
    expect(requestCookie(request, "missing")).toBeUndefined();
    expect(
      requestCookie(new Request("http://x/", { headers: { cookie: "aup_oidc=%E0%A4%A" } }), "aup_oidc"),
    ).toBeUndefined();
  });
});
