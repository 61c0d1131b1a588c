// Provider sign-in (AUP_IDENTITY=oidc) over HTTP, where no provider is needed or where it cannot be
// reached; the sign-in itself, through a real provider in Chromium, is tests/browser/oidcSignIn.test.ts.
import { copyFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer } from "../../scripts/harness/server.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { freePort } from "../support/devServer.ts";
import { startTestProvider } from "../support/oidcProvider.ts";
import { dataDir } from "../support/records.ts";
import { journalRecords, serveData } from "../support/servedData.ts";

const TOKEN = "test-admin-token-0123456789";

/** OpenID settings for a provider at `issuer`, which nothing needs to answer until someone signs in. */
async function oidcEnv(issuer?: string): Promise<NodeJS.ProcessEnv> {
  return {
    AUP_IDENTITY: "oidc",
    AUP_ADMIN_TOKEN: TOKEN,
    // A port nothing listens on: a provider that cannot be reached.
    AUP_OIDC_ISSUER: issuer ?? `http://127.0.0.1:${await freePort()}`,
    AUP_OIDC_CLIENT_ID: "aup-course",
    AUP_OIDC_CLIENT_SECRET: "a-secret",
    AUP_OIDC_REDIRECT_URL: "http://localhost:4321/auth/callback",
    AUP_OIDC_HR_VALUES: "aup-hr",
  };
}

/** The message of a problem page, as a person reads it (entities decoded). */
const alertOf = async (answer: Response) =>
  (/role="alert">\s*([^<]*)/.exec(await answer.text())?.[1]?.trim() ?? "")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");

describe("OpenID Connect identity over HTTP", () => {
  it("refuses to start on a missing or malformed setting, naming it", async () => {
    const env = { ...(await oidcEnv()), AUP_DATA_DIR: dataDir() };
    await expect(startServer({ ...env, AUP_OIDC_HR_VALUES: "" })).rejects.toThrow(
      /cannot start: AUP_OIDC_HR_VALUES is missing: name the group or role values that grant HR access/,
    );
    await expect(startServer({ ...env, AUP_OIDC_ISSUER: "http://login.example.com" })).rejects.toThrow(
      /cannot start: AUP_OIDC_ISSUER is "http:\/\/login.example.com"; it must be an https URL/,
    );
  });

  it("records nothing and answers 401 for a learner who has not signed in, whatever the body says", async () => {
    const data = dataDir();
    const { url } = await serveData(data, await oidcEnv());
    const body = {
      ...validBody("oidcnosession1", "Grace Hopper"),
      learner: { name: "Grace Hopper", email: "grace@kestrel.example", employeeId: "E-1" },
    };
    const answer = await post(url, body, { cookie: "aup_oidc=a-session-this-server-never-made" });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: string }).error).toContain("You are not signed in");
    expect(journalRecords(data)).toEqual([]);
    const me = await fetch(`${url}/api/me`);
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ mode: "oidc" });
  });

  it("keeps the admin token for automation and offers HR the provider's sign-in", async () => {
    const { url } = await serveData(dataDir(), await oidcEnv());
    const bearer = await fetch(`${url}/api/admin/export?format=json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    const form = await fetch(`${url}/admin/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: TOKEN }),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("set-cookie")).toContain("aup_admin=");
    const page = await (await fetch(`${url}/admin/sign-in?next=/admin/roster`)).text();
    expect(page).toContain('href="/auth/sign-in?next=%2Fadmin%2Froster"');
    expect(page).toContain("Admin token");
  });

  it("answers 502 with a message when the provider cannot be reached, and 4xx for a callback it never sent", async () => {
    const { url } = await serveData(dataDir(), await oidcEnv());
    const signIn = await fetch(`${url}/auth/sign-in?next=/course`, { redirect: "manual" });
    expect(signIn.status).toBe(502);
    expect(await alertOf(signIn)).toMatch(/^The sign-in provider http:\/\/127\.0\.0\.1:\d+\/ could not be reached/);
    for (const query of ["", "?code=abc&state=def", "?error=access_denied&state=x"]) {
      const callback = await fetch(`${url}/auth/callback${query}`, { redirect: "manual" });
      expect(callback.status).toBe(400);
      expect(await alertOf(callback)).toContain("This browser has no sign-in in progress");
    }
    const signOut = await fetch(`${url}/auth/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: url },
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get("location")).toBe("/auth/signed-out");
  });

  it("carries a sign-in to another server that shares the receipt secret, as several servers on one database do", async () => {
    const provider = await startTestProvider(["http://localhost:4321/auth/callback"], {});
    try {
      const env = { ...(await oidcEnv(provider.issuer)), AUP_OIDC_CLIENT_ID: provider.clientId };
      const first = dataDir();
      const started = await serveData(first, { ...env, AUP_OIDC_CLIENT_SECRET: provider.clientSecret });
      const sibling = dataDir();
      copyFileSync(dataFiles(first).receiptSecret, dataFiles(sibling).receiptSecret);
      const servers = [
        await serveData(sibling, { ...env, AUP_OIDC_CLIENT_SECRET: provider.clientSecret }),
        await serveData(dataDir(), { ...env, AUP_OIDC_CLIENT_SECRET: provider.clientSecret }),
      ];
      const signIn = await fetch(`${started.url}/auth/sign-in?next=/course`, { redirect: "manual" });
      expect(signIn.status).toBe(303);
      const state = new URL(signIn.headers.get("location") ?? "").searchParams.get("state") ?? "";
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      // The provider's answer, with a code it never issued: the sibling opens the flow and asks the
      // provider, which refuses the code; a server with another secret cannot open the flow at all.
      const answer = `/auth/callback?code=never-issued&state=${state}&iss=${encodeURIComponent(provider.issuer)}`;
      const [onSibling, onStranger] = await Promise.all(
        servers.map((server) => fetch(`${server.url}${answer}`, { redirect: "manual", headers: { cookie } })),
      );
      expect(onSibling?.status).toBe(400);
      expect(await alertOf(onSibling as Response)).toContain("The provider refused this sign-in's code (invalid_grant");
      expect(onStranger?.status).toBe(400);
      expect(await alertOf(onStranger as Response)).toContain("made by a server with another secret");
    } finally {
      await provider.close();
    }
  });

  it("has no provider sign-in in the other modes", async () => {
    const { url } = await serveData(dataDir(), { AUP_IDENTITY: "form" });
    const signIn = await fetch(`${url}/auth/sign-in`, { redirect: "manual" });
    expect(signIn.status).toBe(404);
    expect(await alertOf(signIn)).toContain("does not sign in with an OpenID provider");
    expect((await fetch(`${url}/auth/callback?code=x&state=y`, { redirect: "manual" })).status).toBe(404);
  });
});
