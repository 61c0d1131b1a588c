import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { STARTED } from "../../scripts/harness/courseSteps.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

const FIRST_SCREENS = [
  { path: "/course", title: "Claude at work: onboarding", text: /then decide what to do in realistic situations/ },
  { path: "/refresher", title: "Quarterly refresher", text: /short situations, picked for you this quarter/ },
];

describe("the course's first screen", () => {
  it("is in the HTML the server sends, before any script runs", async () => {
    for (const { path, title, text } of FIRST_SCREENS) {
      const html = await (await fetch(baseUrl + path)).text();
      const island = html.slice(html.indexOf('<div id="course-island"'));
      expect(island).toContain(`<h1 id="intro-title" tabindex="-1" data-autofocus="true">${title}</h1>`);
      expect(island).toMatch(text);
      // Start waits for the island: without it, there is nothing to start.
      expect(island).toMatch(/<button type="submit" class="button" disabled="">Start<\/button>/);
      // The island's element holds the course data, then the first screen, marked busy until the island starts.
      expect(island).toMatch(
        /^<div id="course-island" data-course="[^"]*"><div class="course" aria-busy="true"><form /,
      );
    }
  });

  it("shows in Chromium with JavaScript disabled, with the note that the course needs it", async () => {
    for (const { path, title, text } of FIRST_SCREENS) {
      const page = await browser.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
      await page.goto(baseUrl + path, { waitUntil: "networkidle" });
      // Nothing ran: the island would have started and said so.
      expect(await page.locator('.course[aria-busy="true"]').count()).toBe(1);
      const heading = page.getByRole("heading", { level: 1, name: title });
      expect(await heading.isVisible()).toBe(true);
      expect(await page.locator("#course-island").innerText()).toMatch(text);
      expect(await page.getByRole("button", { name: "Start" }).isDisabled()).toBe(true);
      expect(await page.locator(".course-banner").innerText()).toMatch(/needs JavaScript/);
      await page.close();
    }
  });

  it("is accessible as the server sent it, before the island has started", async () => {
    for (const { path } of FIRST_SCREENS) {
      const page = await browser.newPage();
      // axe runs as a script, so JavaScript stays on; the island's own scripts are refused instead.
      await page.route("**/_astro/*.js", (route) => route.abort());
      await page.goto(baseUrl + path, { waitUntil: "networkidle" });
      expect(await page.locator('.course[aria-busy="true"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it("is hydrated in place by the island, without a warning, and then starts", async () => {
    for (const { path, title } of FIRST_SCREENS) {
      const page = await browser.newPage();
      const warnings: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "warning" || message.type() === "error") warnings.push(message.text());
      });
      page.on("pageerror", (error) => warnings.push(error.message));
      // Hold the island's scripts back until the server's markup has been marked, then let them run.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/_astro/*.js", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(baseUrl + path, { waitUntil: "commit" });
      await page.waitForSelector("#intro-title");
      await page.evaluate(() => {
        (window as unknown as { served: Element | null }).served = document.querySelector("#intro-title");
      });
      release();
      await page.waitForSelector(STARTED);
      expect(
        await page.evaluate(
          () => (window as unknown as { served: Element | null }).served === document.querySelector("#intro-title"),
        ),
      ).toBe(true);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(title);
      expect(await page.getByRole("button", { name: "Start" }).isEnabled()).toBe(true);
      expect(warnings).toEqual([]);
      await page.close();
    }
    // And with nothing held back, as a learner loads it, started from the keyboard alone.
    const { page, failures } = await openPage(browser, `${baseUrl}/course`);
    await page.waitForSelector(STARTED);
    expect(await axeViolations(page)).toEqual([]);
    const start = page.getByRole("button", { name: "Start" });
    for (let tabs = 0; tabs < 40 && !(await start.evaluate((button) => button === document.activeElement)); tabs++)
      await page.keyboard.press("Tab");
    expect(await start.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Continue to the scenarios" }).waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });
});
