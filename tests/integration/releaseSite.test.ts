import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWords, systemPromptSummary } from "../../src/deployment/systemPrompt.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { parseReviewFile } from "../../src/published/ownerFiles.ts";
import { reviewNotice } from "../../src/review/reviewNotice.ts";
import { ensureChromium, launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { runBuild } from "../support/build.ts";
import { copyContent } from "../support/contentFixture.ts";
import { axeViolations, openPage } from "../support/page.ts";
import { editForRelease110, runRelease, scenariosFor } from "../support/policyRelease.ts";

/**
 * A site built from a content copy with a second release (1.1.0): its "What changed" page in real
 * Chromium, the owner's page, the files the build leaves in dist/ and the server's start notice.
 * The build goes to a folder of its own with the server beside it, so dist/ is never touched.
 */
describe("a site with two releases", () => {
  const root = mkdtempSync(path.join(tmpdir(), "aup-release-site-"));
  const app = path.join(root, "app");
  const token = "release-site-admin-token-0123456789";
  // The content copy goes after the first test (contentFixture), so what the tests compare with is read now.
  let expectedPrompt: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const content = copyContent();
    editForRelease110(content);
    expectedPrompt = systemPromptSummary(loadPolicy({ contentDir: content })).text;
    const release = runRelease(content, ["--material", "--note", "Third-party data is never ours to share."]);
    if (release.status !== 0) throw new Error(release.stderr);
    // The build's prerendering imports packages from beside its output: node_modules goes there first.
    for (const part of ["src", "package.json"]) cpSync(part, path.join(app, part), { recursive: true });
    symlinkSync(path.resolve("node_modules"), path.join(app, "node_modules"), "dir");
    const build = runBuild({ AUP_CONTENT_DIR: content, AUP_SCENARIOS_DIR: scenariosFor(content) }, [
      "--outDir",
      path.join(app, "dist"),
    ]);
    if (build.status !== 0) throw new Error(build.output);
    server = await startServer(
      { AUP_DATA_DIR: path.join(root, "data"), AUP_ADMIN_TOKEN: token },
      { main: path.join(app, "src/server/main.ts"), cwd: root },
    );
    browser = await launchBrowser(ensureChromium());
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("shows what changed clause by clause, as ins and del with hidden words, without JavaScript", async () => {
    const { page, scripts, failures } = await openPage(browser, `${server.url}/changes-1.1.0`);
    expect(scripts).toEqual([]);
    expect(failures).toEqual([]);
    await expect(page.locator("h1").textContent()).resolves.toBe("What changed in version 1.1.0");
    expect(await page.locator(".changes-summary li").allTextContents()).toEqual([
      "1 added",
      "1 removed",
      "3 reworded",
      "2 moved",
    ]);
    expect(await page.locator(".change--moved").count()).toBe(2);
    // 3.4's one changed word, struck out and inserted, each announced by hidden text.
    const third = page.locator(".change--reworded", { hasText: "3.4 Third-party data" });
    await expect(third.locator("del").textContent()).resolves.toBe("removed: not");
    await expect(third.locator("ins").textContent()).resolves.toBe("added: never");
    // Hidden from sight (a 1 px clipped box), not from screen readers.
    const hidden = await third
      .locator("del .visually-hidden")
      .evaluate((el) => [el.getBoundingClientRect().width, getComputedStyle(el).position]);
    expect(hidden).toEqual([1, "absolute"]);
    await expect(page.locator(".change--added ins").textContent()).resolves.toMatch(
      /^added: Every release of this policy/,
    );
    await expect(page.locator(".change--removed del").textContent()).resolves.toMatch(/^removed: You must confirm/);
    await expect(page.locator(".change--moved", { hasText: "1.3 How it relates" }).textContent()).resolves.toContain(
      "Moved from 1.4, in 1 Scope and purpose to 1.3, in 1 Scope and purpose.",
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("has a page for the first release, and links every version from the policy page", async () => {
    const first = await openPage(browser, `${server.url}/changes-1.0.0`);
    expect(await first.page.locator("main").innerText()).toContain("This is the first recorded release");
    await first.page.close();
    const { page, scripts } = await openPage(browser, `${server.url}/policy`);
    expect(scripts).toEqual([]);
    await page.getByRole("link", { name: "What changed in version 1.1.0" }).click();
    await page.waitForURL(/\/changes-1\.1\.0$/);
    await page.close();
  });

  it("shows the derived next review on the policy page and says it at the server's start", async () => {
    const plan = parseReviewFile(readFileSync(path.join(app, "dist/policy-review.json"), "utf8"));
    expect(plan?.lastReview).toBe(new Date().toISOString().slice(0, 10));
    const { page } = await openPage(browser, `${server.url}/policy`);
    await expect(page.locator("[data-next-review]").getAttribute("datetime")).resolves.toBe(plan?.nextReview);
    await page.close();
    expect(server.output()).toContain(reviewNotice(plan!, new Date()).message);
  });

  it("writes the system prompt and the Cowork message to dist/, and shows both on the owner's page", async () => {
    const written = readFileSync(path.join(app, "dist/system-prompt.txt"), "utf8").trim();
    expect(written).toBe(expectedPrompt);
    expect(countWords(written)).toBeLessThanOrEqual(120);
    expect(written).toContain("(Acceptable Use Policy 1.1.0)");
    // The settings give the site's address (reminders.siteUrl): the written message links to the course.
    expect(readFileSync(path.join(app, "dist/cowork-onboarding.txt"), "utf8")).toContain(
      "take the Acceptable Use Policy course at https://aup.kestrel.example/course:",
    );

    // Admin-only: without the token the page sends the browser to sign in.
    const anonymous = await fetch(`${server.url}/admin/deployment`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);

    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
    expect((await page.goto(`${server.url}/admin/deployment`))?.status()).toBe(200);
    await expect(page.locator("#system-prompt").textContent()).resolves.toBe(written);
    await expect(page.locator("#cowork-onboarding").textContent()).resolves.toContain(
      `take the Acceptable Use Policy course at ${server.url}/course`,
    );
    await page.getByRole("button", { name: "Copy the system prompt" }).click();
    // The clipboard answers asynchronously: the live region says so once it has.
    await expect.poll(() => page.locator("#copy-status").textContent()).toBe("Copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(written);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/admin`);
    await expect(page.locator("[data-review]").textContent()).resolves.toContain("policy review");
    await page.close();
  });
});
