import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { STARTED } from "../../scripts/harness/courseSteps.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const onboarding = shippedCourse("onboarding");
const refresher = shippedCourse("refresher");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

/** The intro's text once the island has mounted. */
async function introText(path: string) {
  const opened = await openPage(browser, baseUrl + path);
  await opened.page.evaluate(() => localStorage.clear());
  await opened.page.reload({ waitUntil: "networkidle" });
  await opened.page.waitForSelector(`${STARTED} #intro-title`);
  return opened;
}

describe("how long the course takes, on the pages that start it", () => {
  it("shows the onboarding's time on its intro, and the longer time once the learner ticks a product", async () => {
    const { page, failures } = await introText("/course");
    const intro = page.locator(".course-step");
    await expect.poll(() => intro.textContent()).toContain(`Allow ${onboarding.duration[""]}.`);
    await page.getByLabel("Claude Code").check();
    await expect.poll(() => intro.textContent()).toContain(`Allow ${onboarding.duration["claude-code"]}.`);
    expect(onboarding.duration["claude-code"]).not.toBe(onboarding.duration[""]);
    // A developer who also builds on the Claude API gets its scenario too.
    await page.getByLabel("The Claude API, to build our own tools").check();
    await expect.poll(() => intro.textContent()).toContain(`Allow ${onboarding.duration["claude-code claude-api"]}.`);
    expect(onboarding.duration["claude-code claude-api"]).not.toBe(onboarding.duration["claude-code"]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("shows the refresher's time and its number of situations on its intro", async () => {
    const { page, failures } = await introText("/refresher");
    await expect
      .poll(() => page.locator(".course-step").textContent())
      .toContain(
        `${refresher.refresherSize} short situations, picked for you this quarter: allow ${refresher.duration[""]}.`,
      );
    expect(failures).toEqual([]);
    await page.close();
  });

  it("shows both times on the home page, without JavaScript, and what the policy holds", async () => {
    const html = await fetch(baseUrl + "/").then((r) => r.text());
    expect(html).toContain(`Allow ${onboarding.duration[""]} for the course`);
    expect(html).toContain(`and ${refresher.duration[""]} for each quarterly refresher.`);
    expect(html).toContain(
      `(${onboarding.duration["claude-code cowork claude-api"]} if you also use Claude Code, Cowork agents and the Claude API)`,
    );
    // The sections and the addenda switched on, each counted as what it is.
    const { sections } = loadPolicy();
    const addenda = sections.filter((s) => s.kind === "addendum").length;
    expect(addenda).toBe(1);
    expect(html).toContain(`${sections.length - addenda} sections and 1 industry addendum:`);
  });
});
