import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const policy = loadPolicy();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

const open = (path: string, viewport?: { width: number; height: number }) =>
  openPage(browser, baseUrl + path, viewport);

describe("policy page", () => {
  it("shows every section and every clause with its id and anchor", async () => {
    const { page } = await open("/policy");
    const sections = await page
      .locator("[data-section]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-section")));
    expect(sections).toEqual(policy.sections.map((s) => s.number));
    const clauses = await page
      .locator("[data-clause]")
      .evaluateAll((els) => els.map((el) => [el.getAttribute("data-clause"), el.id]));
    expect(clauses).toEqual(
      policy.sections.flatMap((s) => s.clauses.map((c) => [c.id, `clause-${c.id.replace(".", "-")}`])),
    );
    await page.close();
  });

  it("names the organisation, shows the version and the policy hash", async () => {
    const { page } = await open("/policy");
    await expect(page.locator("h1").textContent()).resolves.toBe("Acceptable Use Policy for Claude");
    expect(await page.locator("body").innerText()).toContain("Kestrel Example Group");
    await expect(page.locator("[data-policy-version]").textContent()).resolves.toBe(policy.version);
    await expect(page.locator("[data-policy-hash]").textContent()).resolves.toBe(policy.hash);
    await page.close();
  });

  it("leaves no placeholder or unfilled value in the text", async () => {
    for (const path of ["/", "/policy"]) {
      const { page } = await open(path);
      const text = await page.locator("body").innerText();
      expect(text).not.toMatch(/\{\{|\}\}|\[[A-Z][A-Z /_-]{2,}\]|\bCUSTOMI[SZ]E\b|\bTODO\b|\bTBD\b/);
      await expect(page.locator("mark.unfilled, .content-problems").count()).resolves.toBe(0);
      await page.close();
    }
  });

  it("loads no script on the policy and home pages, and nothing fails to load", async () => {
    for (const path of ["/", "/policy"]) {
      const { page, scripts, failures } = await open(path);
      expect(scripts).toEqual([]);
      expect(failures).toEqual([]);
      await expect(page.locator("script").count()).resolves.toBe(0);
      await page.close();
    }
  });

  it("has no accessibility violations that axe can find", async () => {
    for (const path of ["/", "/policy"]) {
      const { page } = await open(path);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it("opens a deep link at its clause", async () => {
    const { page } = await open("/policy#clause-5-3");
    await expect(page.locator("#clause-5-3:target").count()).resolves.toBe(1);
    // Scrolling may be smooth (reduced motion not requested), so wait for it to arrive.
    const top = () => page.locator("#clause-5-3").evaluate((el) => Math.round(el.getBoundingClientRect().top));
    await expect.poll(top, { timeout: 5_000 }).toBeLessThan(200);
    expect(await top()).toBeGreaterThanOrEqual(0);
    await page.close();
  });

  it("lets a keyboard user skip to the content and reach a clause from the contents", async () => {
    const { page } = await open("/policy");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
    await page.locator('.policy-toc a[href="#clause-3-4"]').focus();
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => location.hash)).resolves.toBe("#clause-3-4");
    await page.close();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const { page } = await open("/policy", { width: 360, height: 740 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("prints a clean document: no navigation, contents or link markers, every clause kept", async () => {
    const { page } = await open("/policy");
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() =>
      [".site-nav", ".policy-toc", ".clause__link", ".skip-link", ".site-footer"].map((selector) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el).display : "absent";
      }),
    );
    expect(hidden).toEqual(["none", "none", "none", "none", "none"]);
    // The print rules win over the screen's: full width, no tinted boxes.
    const printed = await page.evaluate(() => ({
      mainPadding: getComputedStyle(document.querySelector("main") ?? document.body).paddingLeft,
      whyBackground: getComputedStyle(document.querySelector(".why") ?? document.body).backgroundColor,
    }));
    expect(printed).toEqual({ mainPadding: "0px", whyBackground: "rgba(0, 0, 0, 0)" });
    const visibleClauses = await page
      .locator("[data-clause]")
      .evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== "none").length);
    expect(visibleClauses).toBe(policy.sections.flatMap((s) => s.clauses).length);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  });
});
