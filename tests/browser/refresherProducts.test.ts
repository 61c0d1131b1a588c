import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { refresherDue } from "../../src/course/refresherDue.ts";
import { refresherPlan } from "../../src/course/refresher.ts";
import { quarterOf } from "../../src/lib/quarters.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { clickThroughScenarios, screenState, tabTo } from "../support/learner.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const refresher = shippedCourse("refresher");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

/**
 * Plays this quarter's refresher through, every answer correct, checking that each scenario is the
 * one the quiz for a learner of Claude Code draws (from the seed this browser keeps); returns their ids.
 */
async function playClaudeCodeQuiz(page: Page): Promise<string[]> {
  const seed = await page.evaluate(() => localStorage.getItem("aup-course:refresher-seed"));
  expect(seed).toBeTruthy();
  const expected = refresherPlan(refresher, {
    learnerId: seed ?? "",
    quarter: quarterOf(new Date()),
    audiences: ["claude-code"],
  });
  const titleOf = (id: string) => refresher.scenarios.find((s) => s.id === id)?.title;
  for (const id of expected) {
    expect((await screenState(page)).title).toBe(titleOf(id));
    await clickThroughScenarios(page, refresher, () => "correct", 1);
  }
  return expected;
}

/** A page of the site as a browser that has never been there opens it: no progress, no kept products. */
async function openAsNew(path: string) {
  const opened = await openPage(browser, baseUrl + path);
  await opened.page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await opened.page.reload({ waitUntil: "networkidle" });
  return opened;
}

describe("the quarterly refresher in Chromium", () => {
  it("draws from the products ticked at onboarding, asks who the learner is once, and ends as a refresher", async () => {
    const { page, failures } = await openAsNew("/course");
    // Asked once, at onboarding, and kept.
    await page.getByLabel("Claude Code").check();
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForSelector("#policy-step-title");
    expect(await page.evaluate(() => localStorage.getItem("aup-course:products"))).toBe("claude-code");

    await page.goto(baseUrl + "/refresher", { waitUntil: "networkidle" });
    await page.waitForSelector("#intro-title");
    expect(await page.getByRole("textbox").count()).toBe(0); // no identity step before the quiz
    expect(await page.getByRole("checkbox").count()).toBe(0); // the products are not asked again
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForSelector(".scenario__situation");
    const expected = await playClaudeCodeQuiz(page);
    const audiences = expected.map((id) => refresher.scenarios.find((s) => s.id === id)?.audience);
    expect(audiences).not.toContain("cowork");

    // The result announces the refresher's own last step, not onboarding's acknowledgement.
    expect(await page.locator(".course-step").innerText()).toContain(
      "One step left: confirm that you still follow the policy.",
    );
    await page.getByRole("button", { name: "Continue to the acknowledgement" }).click();
    await page.waitForSelector("#ack-title");
    expect(await page.locator("#ack-title").textContent()).toBe("Confirm this quarter's refresher");
    const confirms = await page.locator(".course-step ul").first().innerText();
    expect(confirms).toContain("have taken this quarter's refresher");
    expect(confirms).not.toContain("have read");
    // What the learner says by pressing it: that they still follow the policy, not that they read it.
    expect(await page.getByRole("button", { name: "I acknowledge the policy" }).count()).toBe(0);
    // The one identity step: name, email and employee ID, each asked once.
    expect(await page.getByLabel("Work email").count()).toBe(1);
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Work email").fill("ada.lovelace@kestrel.example");
    await page.getByLabel("Employee ID").fill("E-1815");
    await page.getByRole("button", { name: "I still follow the policy" }).click();
    await page.waitForSelector("#done-title");
    const due = refresherDue(new Date());
    expect(await page.locator("#done-title").textContent()).toBe(`Refresher for ${due.quarter} done`);
    expect(await page.locator(".course-step").innerText()).toContain(`Your next refresher is due from ${due.next}.`);
    expect(await axeViolations(page)).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
  it("asks the products once, on its intro, when neither single sign-on nor this browser knows them, and draws from the answer", async () => {
    const { page, failures } = await openAsNew("/refresher");
    await page.waitForSelector("#intro-title");
    // One group, named by its question, of a checkbox per product the organisation deploys.
    const question = page.getByRole("group", { name: /^Which of these do you use\?/ });
    await question.waitFor();
    expect(await question.getByRole("checkbox").count()).toBe(refresher.productAudiences.length);
    expect(await page.getByRole("checkbox", { checked: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // By keyboard: Tab to the box, Space ticks it, Tab on to Start, Enter starts.
    await tabTo(
      page,
      "the Claude Code box",
      (name) => document.activeElement?.closest("label")?.textContent === name,
      "Claude Code",
    );
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: "Claude Code" }).isChecked()).toBe(true);
    await tabTo(page, "Start", (name) => document.activeElement?.textContent === name, "Start");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".scenario__situation");
    expect(await page.evaluate(() => localStorage.getItem("aup-course:products"))).toBe("claude-code");

    // Drawn from the answer: the quiz a learner of Claude Code gets, not the one with no product.
    await playClaudeCodeQuiz(page);

    // Asked once: with the quarter's progress gone (a new quarter, another tab), the intro asks nothing.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage))
        if (key !== "aup-course:products" && key !== "aup-course:refresher-seed") localStorage.removeItem(key);
      sessionStorage.clear();
    });
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector("#intro-title");
    await page.waitForSelector(".course:not([aria-busy])");
    expect(await page.getByRole("checkbox").count()).toBe(0);
    expect(failures).toEqual([]);
    await page.close();
  });
});
