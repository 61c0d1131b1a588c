// OpenID Connect sign-in (AUP_IDENTITY=oidc) in real Chromium, against a real OpenID Provider
// (oidc-provider, tests/support/oidcProvider.ts) on 127.0.0.1. The site is opened as localhost, so
// that the provider's redirect back is a cross-site navigation, as it is in a deployment: the
// sign-in's cookies must survive it (SameSite=Lax).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { startAndReadPolicy } from "../../scripts/harness/courseSteps.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { freePort } from "../support/devServer.ts";
import { clickThroughScenarios } from "../support/learner.ts";
import { startTestProvider, type TestProvider } from "../support/oidcProvider.ts";
import { dataDir } from "../support/records.ts";
import { axeViolations } from "../support/page.ts";
import { journalRecords } from "../support/servedData.ts";

const course = shippedCourse();
const sectionAnchors = course.policy.sections.map((s) => s.anchor);
const users = {
  grace: { email: "Grace.Hopper@kestrel.example", name: "Grace Hopper", groups: ["engineering"] },
  hana: { email: "hana.hr@kestrel.example", name: "Hana Hr", groups: ["staff", "aup-hr"] },
  ravi: { email: "ravi.refused@kestrel.example", name: "Ravi Refused", groups: ["staff"] },
};

interface Site {
  origin: string;
  data: string;
  server: RunningServer;
}

let browser: Browser;
let provider: TestProvider;
let site: Site;
/** The same provider and client, with sessions of 3.6 seconds. */
let shortSite: Site;

beforeAll(async () => {
  const [port, shortPort] = [await freePort(), await freePort()];
  const origins = [`http://localhost:${port}`, `http://localhost:${shortPort}`];
  provider = await startTestProvider(
    origins.map((origin) => `${origin}/auth/callback`),
    users,
  );
  const serve = async (origin: string, portNumber: number, env: NodeJS.ProcessEnv = {}): Promise<Site> => {
    const data = dataDir();
    const server = await startServer({
      AUP_DATA_DIR: data,
      PORT: String(portNumber),
      AUP_ADMIN_TOKEN: "test-admin-token-0123456789",
      AUP_IDENTITY: "oidc",
      AUP_OIDC_ISSUER: provider.issuer,
      AUP_OIDC_CLIENT_ID: provider.clientId,
      AUP_OIDC_CLIENT_SECRET: provider.clientSecret,
      AUP_OIDC_REDIRECT_URL: `${origin}/auth/callback`,
      AUP_OIDC_HR_VALUES: "aup-hr,compliance",
      ...env,
    });
    return { origin, data, server };
  };
  [browser, site, shortSite] = await Promise.all([
    launchBrowser(inject("chromiumPath")),
    serve(origins[0] ?? "", port),
    serve(origins[1] ?? "", shortPort, { AUP_OIDC_SESSION_HOURS: "0.001" }),
  ]);
});
afterAll(async () => {
  await Promise.all([site.server.stop(), shortSite.server.stop(), browser.close()]);
  await provider.close();
});
// Every test starts signed out of the site and of the provider.
beforeEach(async () => {
  await browser.context.clearCookies();
});

/** Signs in at the provider's login page (devInteractions: any password) and consents, when it asks. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin === provider.issuer && /\/interaction\//.test(url.pathname));
  await page.getByRole("button", { name: "Continue" }).click();
}

/** The site's session cookie, as the browser holds it. */
async function sessionCookie(origin: string): Promise<string> {
  const cookie = (await browser.context.cookies(origin)).find((c) => c.name === "aup_oidc");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  return `aup_oidc=${cookie?.value ?? ""}`;
}

/** Requests the browser makes to the provider's authorization endpoint, from now on. */
function authorizationRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === provider.issuer && url.pathname === "/auth") seen.push(request.url());
  });
  return seen;
}

describe("OpenID Connect sign-in in Chromium", () => {
  it("signs a learner in with the provider and records the provider's subject and email, not self-asserted", async () => {
    const page = await browser.newPage();
    const authorizations = authorizationRequests(page);
    await page.goto(`${site.origin}/course`);
    await signInAtProvider(page, "grace");
    await page.waitForURL(`${site.origin}/course`);
    expect(authorizations).toHaveLength(1);
    const request = new URL(authorizations[0] ?? "");
    expect(request.searchParams.get("code_challenge_method")).toBe("S256");
    expect(request.searchParams.get("state")).toBeTruthy();
    expect(request.searchParams.get("nonce")).toBeTruthy();

    const banner = page.locator(".course-signed-in");
    await expect(banner.textContent()).resolves.toContain("Signed in as Grace Hopper (grace.hopper@kestrel.example).");
    expect(await axeViolations(page)).toEqual([]);
    await startAndReadPolicy(page, sectionAnchors);
    await clickThroughScenarios(page, course, () => "correct");
    await page.getByRole("button", { name: "Continue to the acknowledgement" }).click();
    await expect(page.locator(".course-step").textContent()).resolves.toContain("Signing as Grace Hopper");
    // No identity form: the provider said who this is.
    expect(await page.getByLabel("Work email").count()).toBe(0);
    await page.getByLabel("Type your full name to sign").fill("Grace Hopper");
    await page.getByRole("button", { name: "I acknowledge the policy" }).click();
    await page.waitForSelector("#done-title");

    const [record] = journalRecords(site.data);
    expect(record?.learner).toEqual({
      id: "grace.hopper@kestrel.example",
      email: "grace.hopper@kestrel.example",
      name: "Grace Hopper",
      selfAsserted: false,
      subject: "grace",
    });

    // Signing out ends the session on the server: the same cookie, sent again, signs nobody in.
    const cookie = await sessionCookie(site.origin);
    expect((await fetch(`${site.origin}/api/me`, { headers: { cookie } })).status).toBe(200);
    await banner.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${site.origin}/auth/signed-out`);
    const after = await fetch(`${site.origin}/api/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: string }).error).toContain("Sign in with your organisation's account");
    await page.close();
  }, 240_000);

  it("lets HR in by the group claim, from the dashboard's sign-in", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/admin`);
    await page.waitForURL(/\/admin\/sign-in/);
    await page.getByRole("link", { name: "Sign in with your organisation's account" }).click();
    await signInAtProvider(page, "hana");
    await page.waitForURL(`${site.origin}/admin`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Acknowledgements");
    const cookie = await sessionCookie(site.origin);
    const exported = await fetch(`${site.origin}/api/admin/export?format=json`, { headers: { cookie } });
    expect(exported.status).toBe(200);

    // The dashboard's sign-out ends the provider session too.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/admin\/sign-in/);
    expect((await fetch(`${site.origin}/api/admin/export?format=json`, { headers: { cookie } })).status).toBe(401);
    await page.close();
  });

  it("answers 403 with the reason to a signed-in user without the HR claim, and does not send them round again", async () => {
    const page = await browser.newPage();
    const authorizations = authorizationRequests(page);
    await page.goto(`${site.origin}/admin`);
    await page.getByRole("link", { name: "Sign in with your organisation's account" }).click();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/admin");
    await signInAtProvider(page, "ravi");
    expect((await answer).status()).toBe(403);
    await page.waitForSelector("#refused-title");
    expect(new URL(page.url()).pathname).toBe("/admin");
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "You are signed in as ravi.refused@kestrel.example, but your organisation's account does not grant HR access.",
    );
    expect(await axeViolations(page)).toEqual([]);
    // A reload asks nothing of the provider again: the answer stays the 403.
    expect((await page.reload())?.status()).toBe(403);
    expect(authorizations).toHaveLength(1);
    const api = await fetch(`${site.origin}/api/admin/export?format=json`, {
      headers: { cookie: await sessionCookie(site.origin) },
    });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: string }).error).toContain("does not carry the HR claim");
    await page.close();
  });

  it("sends the user back to sign in once the session has expired", async () => {
    const page = await browser.newPage();
    await page.goto(`${shortSite.origin}/admin/sign-in`);
    await page.getByRole("link", { name: "Sign in with your organisation's account" }).click();
    await signInAtProvider(page, "hana");
    await page.waitForURL(`${shortSite.origin}/admin`);
    const cookie = await sessionCookie(shortSite.origin);
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // the session lasts 3.6 s

    await page.reload();
    await page.waitForURL(/\/admin\/sign-in\?next=%2Fadmin/);
    expect((await fetch(`${shortSite.origin}/api/me`, { headers: { cookie } })).status).toBe(401);
    // The course, too, goes back to the provider (which still knows the user, so it answers at once).
    const authorizations = authorizationRequests(page);
    await page.goto(`${shortSite.origin}/course`);
    await page.waitForURL(`${shortSite.origin}/course`);
    await page.waitForSelector(".course-signed-in");
    expect(authorizations).toHaveLength(1);
    await page.close();
  });

  it("says so, with a way to try again, when the user cancels at the provider", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/auth/sign-in?next=/refresher`);
    await page.waitForURL((url) => url.origin === provider.issuer);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/callback");
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    expect((await answer).status()).toBe(403);
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "The provider did not sign you in: End-User aborted interaction.",
    );
    await expect(page.getByRole("link", { name: "Sign in again" }).getAttribute("href")).resolves.toBe(
      "/auth/sign-in?next=%2Frefresher",
    );
    await page.close();
  });

  it("answers a tampered state, a missing or altered sign-in cookie at the callback with a 4xx and a message, never a 500", async () => {
    const page = await browser.newPage();
    // Signed in at the provider once, so that it answers the next sign-ins at once.
    await page.goto(`${site.origin}/course`);
    await signInAtProvider(page, "grace");
    await page.waitForSelector(".course-signed-in");
    await browser.context.clearCookies({ domain: "localhost" });
    /**
     * Starts a sign-in with the browser's cookies (the context's request client shares them) and
     * follows the redirects to the provider and back, holding the last one: the callback URL, not yet opened.
     */
    const heldCallback = async (): Promise<URL> => {
      let url = `${site.origin}/auth/sign-in?next=/course`;
      for (let hop = 0; hop < 10; hop++) {
        const response = await browser.context.request.get(url, { maxRedirects: 0 });
        const location = response.headers()["location"];
        if (!location) throw new Error(`The sign-in stopped at ${url} (${response.status()})`);
        const next = new URL(location, url);
        if (next.origin === site.origin && next.pathname === "/auth/callback") return next;
        url = next.href;
      }
      throw new Error("The sign-in never came back to /auth/callback");
    };
    const problem = async (url: URL) => {
      const answer = await page.goto(url.href);
      return { status: answer?.status() ?? 0, message: (await page.getByRole("alert").textContent()) ?? "" };
    };

    const tampered = await heldCallback();
    tampered.searchParams.set("state", "a-state-this-browser-never-sent");
    const wrongState = await problem(tampered);
    expect(wrongState.status).toBe(400);
    expect(wrongState.message).toContain("The sign-in answer did not pass its checks");
    expect(wrongState.message).toContain("state");

    const withoutCookie = await heldCallback();
    await browser.context.clearCookies({ name: "aup_oidc_flow" });
    const missing = await problem(withoutCookie);
    expect(missing.status).toBe(400);
    expect(missing.message).toContain("This browser has no sign-in in progress");
    expect(await axeViolations(page)).toEqual([]);

    const altered = await heldCallback();
    const [flow] = (await browser.context.cookies(`${site.origin}/auth/callback`)).filter(
      (c) => c.name === "aup_oidc_flow",
    );
    expect(flow).toBeDefined();
    if (!flow) return;
    // One character inside the sealed bytes (the last may carry only padding bits).
    const at = 30;
    const changed = flow.value[at] === "A" ? "B" : "A";
    await browser.context.addCookies([
      { ...flow, value: flow.value.slice(0, at) + changed + flow.value.slice(at + 1) },
    ]);
    const alteredAnswer = await problem(altered);
    expect(alteredAnswer.status).toBe(400);
    expect(alteredAnswer.message).toContain("was altered");

    // None of these signed anyone in; the same held answer, with its own cookie, does.
    expect((await browser.context.cookies(site.origin)).some((c) => c.name === "aup_oidc")).toBe(false);
    expect((await page.goto((await heldCallback()).href))?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/course");
    expect((await browser.context.cookies(site.origin)).some((c) => c.name === "aup_oidc")).toBe(true);
    await page.close();
  });
});
