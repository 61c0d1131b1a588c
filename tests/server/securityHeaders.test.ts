import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { blockedInline, metaPolicy, parsePolicy } from "../support/contentSecurityPolicy.ts";
import { openPage } from "../support/page.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { postSignIn, sessionCookie } from "../support/signIn.ts";

const TOKEN = "headers-test-admin-token-0123456789";
const STATIC_PAGES = ["/", "/policy", "/course", "/refresher", "/verify"];

// One server for the whole file (the records support's folders last one test only).
const dir = mkdtempSync(path.join(tmpdir(), "aup-headers-"));
let server: RunningServer;
let url: string;
let cookie: string;
let receiptUrl: string;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
  url = server.url;
  cookie = sessionCookie(await postSignIn(url, TOKEN));
  const recorded = (await (await post(url, validBody("headerstest01"))).json()) as { receiptUrl: string };
  receiptUrl = recorded.receiptUrl;
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${pathname}`, { redirect: "manual", headers: { cookie, ...headers } });

/** The policy that a page's answer puts in force: its header, or else its <meta> element. */
function policyOf(answer: Response, html: string) {
  const text = answer.headers.get("content-security-policy") ?? metaPolicy(html);
  expect(text, `${answer.url} has a Content-Security-Policy`).toBeTruthy();
  return parsePolicy(text ?? "");
}

describe("security headers of the site server", () => {
  it("every page: nosniff, Referrer-Policy, a CSP that allows no inline script but the page's own, by hash", async () => {
    for (const pathname of [...STATIC_PAGES, "/admin/sign-in", "/admin", receiptUrl]) {
      const answer = await get(pathname);
      expect(answer.status, pathname).toBe(200);
      expect(answer.headers.get("x-content-type-options"), pathname).toBe("nosniff");
      expect(answer.headers.get("referrer-policy"), pathname).toBe("same-origin");
      expect(answer.headers.get("strict-transport-security"), `${pathname} over plain HTTP`).toBeNull();
      const html = await answer.text();
      const policy = policyOf(answer, html);
      const scripts = policy.get("script-src") ?? [];
      expect(scripts, pathname).toContain("'self'");
      expect(
        scripts.filter((s) => /unsafe-inline|unsafe-eval|\*|data:|https?:/.test(s)),
        pathname,
      ).toEqual([]);
      expect(policy.get("object-src"), pathname).toEqual(["'none'"]);
      expect(policy.get("base-uri"), pathname).toEqual(["'none'"]);
      expect(blockedInline(html, policy), pathname).toEqual([]);
    }
  });

  it("HR pages, the sign-in page and receipts: never framed, never cached", async () => {
    for (const pathname of ["/admin/sign-in", "/admin", receiptUrl]) {
      const answer = await get(pathname);
      const policy = parsePolicy(answer.headers.get("content-security-policy") ?? "");
      expect(policy.get("frame-ancestors"), pathname).toEqual(["'none'"]);
      expect(answer.headers.get("x-frame-options"), pathname).toBe("DENY");
      expect(answer.headers.get("cache-control"), pathname).toBe("no-store");
    }
    // The sign-in redirect of a dashboard page asked for without a session is not cached either.
    const redirect = await fetch(`${url}/admin`, { redirect: "manual" });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("cache-control")).toBe("no-store");
  });

  it("API answers: no-store, and a policy that lets them run nothing and be framed nowhere", async () => {
    const answers = {
      "/api/me": await get("/api/me"),
      "/api/checkpoint": await get("/api/checkpoint"),
      "/api/admin/export": await get("/api/admin/export?format=json", { authorization: `Bearer ${TOKEN}` }),
      "/api/admin/export (refused)": await fetch(`${url}/api/admin/export?format=json`),
      "/api/acknowledgements (refused)": await post(url, { not: "a body" }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.headers.get("cache-control"), name).toBe("no-store");
      expect(answer.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(answer.headers.get("content-security-policy"), name).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it("public pages may be framed and cached: only HR pages and receipts refuse", async () => {
    for (const pathname of STATIC_PAGES) {
      const answer = await get(pathname);
      const html = await answer.text();
      expect(answer.headers.get("x-frame-options"), pathname).toBeNull();
      expect(parsePolicy(metaPolicy(html) ?? "").has("frame-ancestors"), pathname).toBe(false);
      expect(answer.headers.get("cache-control"), pathname).not.toBe("no-store");
    }
  });

  it("HSTS only when the original request came over HTTPS (through a trusted proxy)", async () => {
    const overTls = await get("/policy", { "x-forwarded-proto": "https" });
    expect(overTls.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await get("/policy", { "x-forwarded-proto": "http" })).headers.get("strict-transport-security")).toBeNull();
  });

  it("the pages run in Chromium under their policy without a single violation", async () => {
    await browser.context.addCookies([{ name: "aup_admin", value: cookie.split("=")[1] ?? "", url }]);
    for (const pathname of [...STATIC_PAGES, "/admin/sign-in", "/admin", receiptUrl]) {
      const { page, failures } = await openPage(browser, `${url}${pathname}`);
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // The brand colour comes from the style attribute the policy allows by hash.
      const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent"));
      expect(accent.trim(), pathname).toMatch(/^#[0-9a-f]{6}$/i);
      expect([...failures, ...violations], pathname).toEqual([]);
      await page.close();
    }
  });
});

describe("the SCORM builds", () => {
  it("carry no Content-Security-Policy and nothing that refuses a frame: an LMS shows them in its own", () => {
    for (const version of ["scorm12", "scorm2004"]) {
      const dir = path.resolve("dist/scorm", version);
      const pages = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
      expect(pages.length, version).toBeGreaterThan(0);
      for (const page of pages) {
        const html = readFileSync(path.join(dir, page), "utf8");
        expect(html, `${version}/${page}`).not.toMatch(/content-security-policy|x-frame-options|frame-ancestors/i);
      }
    }
  });
});
