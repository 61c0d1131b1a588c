import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { startServer } from "../../scripts/harness/server.ts";
import { dataDir } from "../support/records.ts";
import { serveData } from "../support/servedData.ts";
import { postSignIn, sessionCookie } from "../support/signIn.ts";

const TOKEN = "sessions-test-admin-token-0123456789";

const dashboard = (url: string, cookie: string) => fetch(`${url}/admin`, { redirect: "manual", headers: { cookie } });

describe("HR sessions", () => {
  it("end on the server at sign-out: a copy of the cookie taken before stops working", async () => {
    const { url } = await serveData(dataDir(), { AUP_ADMIN_TOKEN: TOKEN });
    const cookie = sessionCookie(await postSignIn(url, TOKEN));
    const copied = cookie; // what someone who saw the cookie (a shared machine, a proxy log) would replay
    expect((await dashboard(url, cookie)).status).toBe(200);
    const signOut = await fetch(`${url}/admin/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: url },
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get("set-cookie")).toMatch(/aup_admin=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    const replay = await dashboard(url, copied);
    expect(replay.status).toBe(303);
    expect(replay.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin");
    // A session the server never opened (the old signed format, or a guess) opens nothing either.
    expect((await dashboard(url, "aup_admin=9999999999999.abc")).status).toBe(303);
  });

  it("are each their own: signing out one leaves another HR session open", async () => {
    const { url } = await serveData(dataDir(), { AUP_ADMIN_TOKEN: TOKEN });
    const first = sessionCookie(await postSignIn(url, TOKEN));
    const second = sessionCookie(await postSignIn(url, TOKEN));
    expect(first).not.toBe(second);
    await fetch(`${url}/admin/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: first, origin: url },
    });
    expect((await dashboard(url, first)).status).toBe(303);
    expect((await dashboard(url, second)).status).toBe(200);
  });

  it("end when the server restarts (they live in its memory only)", async () => {
    const dir = dataDir();
    const before = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    const cookie = sessionCookie(await postSignIn(before.url, TOKEN));
    expect((await dashboard(before.url, cookie)).status).toBe(200);
    await before.stop();
    const after = await serveData(dir, { AUP_ADMIN_TOKEN: TOKEN });
    expect((await dashboard(after.url, cookie)).status).toBe(303);
  });

  it("slow down wrong tokens: after 5 from one client, 429 with Retry-After, even for the right token", async () => {
    const { url } = await serveData(dataDir(), { AUP_ADMIN_TOKEN: TOKEN });
    for (let i = 0; i < 5; i++) {
      const wrong = await postSignIn(url, `guess-${i}`);
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain("That token is not the admin token.");
    }
    const paused = await postSignIn(url, TOKEN);
    expect(paused.status).toBe(429);
    const seconds = Number(paused.headers.get("retry-after"));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(300);
    expect(await paused.text()).toMatch(/sign-in is paused for \d+ seconds?/);
    expect(paused.headers.get("set-cookie")).toBeNull();
    // The API's bearer token is not the sign-in form: automation keeps working.
    const api = await fetch(`${url}/api/admin/export?format=json`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(api.status).toBe(200);
  });
});

describe("the admin token", () => {
  it("is refused at start when AUP_ADMIN_TOKEN is shorter than 24 characters", async () => {
    await expect(startServer({ AUP_DATA_DIR: dataDir(), AUP_ADMIN_TOKEN: "x".repeat(23) })).rejects.toThrow(
      /aup-course cannot start: The admin token in AUP_ADMIN_TOKEN has 23 characters; it needs at least 24.*openssl rand/,
    );
  });

  it("is refused at start when the data folder's token file was edited to a short one", async () => {
    const dir = dataDir();
    const file = dataFiles(dir).adminToken;
    writeFileSync(file, "hunter2\n", { mode: 0o600 });
    await expect(startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: "" })).rejects.toThrow(
      new RegExp(`cannot start: The admin token in ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} has 7 characters`),
    );
  });

  it("of 24 characters is accepted", async () => {
    const { url } = await serveData(dataDir(), { AUP_ADMIN_TOKEN: "y".repeat(24) });
    expect((await postSignIn(url, "y".repeat(24))).status).toBe(303);
  });
});
