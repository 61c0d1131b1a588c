import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { fullPolicyToggle, sectionToggle } from "../../scripts/harness/courseSteps.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { tabTo } from "../support/learner.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const course = shippedCourse();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

describe("the policy step in Chromium", () => {
  it("leads with the key rules and keeps the full text one keyboard press away", async () => {
    const { page, failures } = await openPage(browser, baseUrl + "/course");
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForSelector("#policy-step-title");
    const rules = course.policy.keyRules ?? [];
    expect(rules.length).toBeGreaterThan(3);
    expect((await page.locator(".key-rules li").allTextContents()).map((t) => t.replace(/\s+/g, " "))).toEqual(
      rules.map((rule) => `${rule.id} ${rule.summary}`),
    );
    // The full text is there but folded away until asked for.
    const firstSection = page.locator(sectionToggle(course.policy.sections[0]?.anchor));
    expect(await firstSection.isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(
      page,
      "the full policy's disclosure",
      (selector) => document.activeElement === document.querySelector(selector),
      fullPolicyToggle,
    );
    await page.keyboard.press("Enter");
    await expect.poll(() => firstSection.isVisible()).toBe(true);
    expect(await page.locator(".course-sections > details").count()).toBe(course.policy.sections.length);
    expect(await axeViolations(page)).toEqual([]);
    // Reading the key rules is enough to go on.
    await page.getByRole("button", { name: "Continue to the scenarios" }).click();
    await page.waitForSelector(".scenario__situation");
    expect(failures).toEqual([]);
    await page.close();
  });
});
