import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Outcome } from "../../src/schemas/scenario.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { sectionToggle, STARTED, startAndReadPolicy } from "../../scripts/harness/courseSteps.ts";
import {
  choiceFor,
  choiceNamed,
  clickThroughScenarios,
  focusedText,
  questionOffering,
  screenState,
  tabTo,
  tabToText,
} from "../support/learner.ts";
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

/** Opens the course in a fresh tab; every test starts with empty storage thanks to a fresh origin key. */
async function openCourse(path = "/course") {
  const opened = await openPage(browser, baseUrl + path);
  await opened.page.evaluate(() => localStorage.clear());
  await opened.page.reload({ waitUntil: "networkidle" });
  await opened.page.waitForSelector(`${STARTED} #intro-title`);
  return opened;
}

/** Keyboard only: Tab to each section's summary and open it, then continue to the scenarios. */
async function readPolicyWithKeyboard(page: Page) {
  for (const section of course.policy.sections) {
    await tabTo(
      page,
      `section ${section.number}`,
      (id) => document.activeElement?.parentElement?.id === id,
      `course-section-${section.anchor}`,
    );
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (n) => document.querySelectorAll(".course-sections .is-read").length >= n,
      course.policy.sections.indexOf(section) + 1,
    );
  }
  await tabToText(page, "Continue to the scenarios");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".scenario__situation");
}

/** Plays every scenario to the result with Tab and Enter only. `pick` decides the outcome to aim for. */
async function playWithKeyboard(page: Page, pick: (scenarioIndex: number) => Outcome) {
  let scenarioIndex = 0;
  for (let guard = 0; guard < 400; guard++) {
    const screen = await screenState(page);
    if (screen.step === "result-title") return;
    if (screen.choices.length) {
      const label = choiceFor(course, screen.title, screen.choices, pick(scenarioIndex));
      expect(await page.evaluate(() => document.activeElement?.classList.contains("scenario__situation"))).toBe(true);
      await tabToText(page, label);
      await page.keyboard.press("Enter");
      await page.waitForSelector(".feedback");
      expect(await focusedText(page)).toBe("Continue");
      await page.keyboard.press("Enter");
    } else if (screen.debrief) {
      await tabToText(page, (await page.locator(".scenario__debrief .button").textContent()) ?? "");
      await page.keyboard.press("Enter");
      scenarioIndex++;
    }
    await page.waitForFunction(
      (before) =>
        JSON.stringify([
          document.querySelector("#scenario-title")?.textContent,
          document.querySelector(".feedback") !== null,
          document.querySelector(".scenario__debrief") !== null,
          document.activeElement?.textContent,
        ]) !== before,
      JSON.stringify([screen.title, screen.feedback !== "", screen.debrief, await focusedText(page)]),
    );
  }
  throw new Error("The course did not reach the result");
}

const sectionAnchors = course.policy.sections.map((s) => s.anchor);

describe("onboarding course in Chromium", () => {
  it("can be completed and passed with the keyboard alone, with focus following each step", async () => {
    const { page, failures } = await openCourse();
    expect(await axeViolations(page)).toEqual([]);
    await tabToText(page, "Start");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#policy-step-title");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("policy-step-title");
    await readPolicyWithKeyboard(page);
    expect(await axeViolations(page)).toEqual([]);

    await playWithKeyboard(page, () => "correct");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result-title");
    expect(await page.locator("#result-title").textContent()).toBe("You passed with 100%");
    expect(await axeViolations(page)).toEqual([]);

    await tabToText(page, "Continue to the acknowledgement");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#ack-title");
    for (const [id, value] of [
      ["identity-name", "Ada Lovelace"],
      ["identity-email", "ada.lovelace@kestrel.example"],
      ["identity-employeeId", "E-1815"],
      ["typed-name", "Ada Lovelace"],
    ] as const) {
      await tabTo(page, `the field ${id}`, (wanted) => document.activeElement?.id === wanted, id);
      await page.keyboard.type(value);
    }
    await tabToText(page, "I acknowledge the policy");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#done-title");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("done-title");
    const receipt = await page.locator(".receipt").innerText();
    expect(receipt).toContain("Ada Lovelace");
    expect(receipt).toContain(course.policy.hash);
    expect(receipt).toContain("100%");
    expect(await axeViolations(page)).toEqual([]);
    // The record is in the server's journal, marked as self-asserted.
    const journal = readFileSync(dataFiles(inject("dataDir")).journal, "utf8")
      .trim()
      .split("\n");
    const record = JSON.parse(journal.at(-1) ?? "{}") as AcknowledgementRecord;
    expect(record.learner).toEqual({
      id: "E-1815",
      name: "Ada Lovelace",
      email: "ada.lovelace@kestrel.example",
      selfAsserted: true,
    });
    expect(receipt).toContain(record.id);
    expect(receipt).toContain(record.hash);
    // The printable receipt opens from the link only this learner got.
    await tabToText(page, "Open your printable receipt");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#receipt-title");
    const printable = await page.locator(".receipt-page").innerText();
    expect(printable).toContain("Ada Lovelace");
    expect(printable).toContain(record.hash);
    expect(printable).toContain("self-asserted");
    expect(await axeViolations(page)).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("tells a returning learner that the policy changed since their last acknowledgement", async () => {
    const { page } = await openCourse();
    await page.evaluate(() =>
      localStorage.setItem(
        "aup-course:latest-receipt",
        JSON.stringify({
          name: "Ada",
          policyVersion: "0.9",
          policyHash: "f".repeat(64),
          acknowledgedAt: "2026-01-01T00:00:00Z",
          score: 1,
          storedIn: "",
        }),
      ),
    );
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector(`${STARTED} #intro-title`);
    expect(await page.getByRole("status").first().textContent()).toContain(
      `The policy has changed since you acknowledged version 0.9. Please go through the course again and acknowledge version ${course.policy.version}.`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("announces feedback in a live region and shows which clause it rests on", async () => {
    const { page } = await openCourse();
    await startAndReadPolicy(page, sectionAnchors);
    await page.locator(".choice").first().click();
    // The feedback comes with the later steps' chunk, asked for when the learner pressed Start.
    await page.waitForSelector(".feedback");
    const live = page.locator('[aria-live="polite"] .feedback');
    await expect(live.count()).resolves.toBe(1);
    expect(await live.locator(".feedback__clause a").getAttribute("href")).toMatch(/^\/policy#clause-\d+-\d+$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("after a miss, names a better choice and says why", async () => {
    const { page } = await openCourse();
    await startAndReadPolicy(page, sectionAnchors);
    const { title, choices } = await screenState(page);
    const missed = choices.find((label) => choiceNamed(course, title, label)?.outcome !== "correct") ?? "";
    const better = questionOffering(course, title, missed)?.choices.find((c) => c.outcome === "correct");
    await page.getByRole("button", { name: missed, exact: true }).click();
    const shown = page.locator('[aria-live="polite"] .feedback .feedback__better');
    expect(await shown.locator("h3").textContent()).toBe("A better choice");
    expect(await shown.locator("p strong").textContent()).toBe(better?.label);
    const textOf = (html: string) =>
      page.evaluate((markup) => {
        const element = document.createElement("div");
        element.innerHTML = markup;
        return element.textContent;
      }, html);
    expect(await shown.locator("div").textContent()).toBe(await textOf(better?.feedback ?? ""));
    expect(await axeViolations(page)).toEqual([]);
    // A right choice needs no better one.
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await clickThroughScenarios(page, course, () => "correct", 1);
    const next = await screenState(page);
    await page
      .getByRole("button", { name: choiceFor(course, next.title, next.choices, "correct"), exact: true })
      .click();
    await page.waitForSelector(".feedback--correct");
    expect(await page.locator(".feedback__better").count()).toBe(0);
    await page.close();
  });

  it("fits a phone screen at every step shown", async () => {
    const { page } = await openCourse();
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Start" }).click();
    for (const section of course.policy.sections) await page.locator(sectionToggle(section.anchor)).click();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Continue to the scenarios" }).click();
    await page.locator(".choice").first().click();
    await page.waitForSelector(".feedback");
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("fails a learner below the pass mark, lists the clauses to review, and passes on retrying the missed scenarios", async () => {
    const { page } = await openCourse();
    await startAndReadPolicy(page, sectionAnchors);
    await clickThroughScenarios(page, course, (i) => (i < 5 ? "incorrect" : "correct"));
    expect(await page.locator("#result-title").textContent()).toMatch(/^\d+%: not yet a pass$/);
    const clauses = await page.locator(".missed-clauses a").allTextContents();
    expect(clauses.length).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Retry the missed scenarios" }).click();
    await page.waitForSelector(".scenario__situation");
    expect(await page.locator(".course-progress").first().textContent()).toMatch(/Scenario 1 of [1-5] \(retry\)/);
    await clickThroughScenarios(page, course, () => "correct");
    expect(await page.locator("#result-title").textContent()).toBe("You passed with 100%");
    await page.close();
  });

  it("resumes where the learner was after a reload, in the policy and in the middle of a scenario", async () => {
    const { page } = await openCourse();
    await page.getByRole("button", { name: "Start" }).click();
    const [first, second, ...rest] = course.policy.sections;
    for (const section of [first, second]) await page.locator(sectionToggle(section?.anchor)).click();
    // A section counts as read on its toggle event, which the browser fires after the click returns.
    await page.waitForFunction(() => document.querySelectorAll(".course-sections .is-read").length === 2);
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector("#policy-step-title");
    expect(await page.locator(".course-sections .is-read").count()).toBe(2);

    for (const section of rest) await page.locator(sectionToggle(section.anchor)).click();
    await page.getByRole("button", { name: "Continue to the scenarios" }).click();
    await clickThroughScenarios(page, course, () => "correct", 1);
    await page.locator(".choice").first().click();
    await page.waitForSelector(".feedback");
    // The choices keep the order this attempt shuffled them into.
    const before = {
      ...(await screenState(page)),
      progress: await page.locator(".course-progress").first().textContent(),
      order: await page.locator(".choice").allTextContents(),
    };
    expect(before.progress).toMatch(/^Scenario 2 of/);

    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector(".feedback");
    const after = {
      ...(await screenState(page)),
      progress: await page.locator(".course-progress").first().textContent(),
      order: await page.locator(".choice").allTextContents(),
    };
    expect(after).toEqual(before);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await clickThroughScenarios(page, course, () => "correct");
    expect(await page.locator("#result-title").textContent()).toMatch(/^You passed with \d+%$/);
    await page.close();
  });
});

describe("refresher intro in Chromium", () => {
  it("holds the typed email to the shared rule: the error is announced, tied to the field, and gone once it is an address", async () => {
    const { page } = await openCourse("/refresher");
    const field = page.getByLabel("Your work email");
    const start = page.getByRole("button", { name: "Start" });
    for (const typed of ["", "ada", "ada@-kestrel.example"]) {
      await field.fill(typed);
      await start.click();
      const alert = page.getByRole("alert");
      expect(await alert.textContent(), JSON.stringify(typed)).toBe(
        "Write your work email address, e.g. ada@yourcompany.com.",
      );
      expect(await field.getAttribute("aria-invalid")).toBe("true");
      expect(await field.getAttribute("aria-describedby")).toBe(await alert.getAttribute("id"));
      expect(await page.locator(".scenario__situation").count()).toBe(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    await field.fill("  Ada@Kestrel.example ");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await field.getAttribute("aria-invalid")).toBe("false");
    await start.click();
    await page.waitForSelector(".scenario__situation");
    await page.close();
  });
});
