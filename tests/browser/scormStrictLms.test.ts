// The SCORM packages in a strict LMS (tests/support/strictLms/): every value checked as strict LMSs
// check it, the manifest's mastery score, passing score and completion threshold applied as LMSs
// apply them, and the LMS's posts held to Chromium's 64 KiB keepalive budget while the page unloads.
// Each play-through checks what the LMS stores at every point, that no call was refused and that
// no post was lost.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { fullPolicyToggle, sectionToggle } from "../../scripts/harness/courseSteps.ts";
import { choiceFor, choiceNamed, clickThroughScenarios, focusedText, screenState } from "../support/learner.ts";
import { axeViolations } from "../support/page.ts";
import { KEEPALIVE_BUDGET } from "../support/strictLms/postSize.ts";
import { StrictLms } from "../support/strictLms/strictLmsServer.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

const course = shippedCourse();
const sectionAnchors = course.policy.sections.map((s) => s.anchor);
const PLAY = 240_000; // a full play-through clicks a few hundred times

let browser: Browser;
let lms: StrictLms;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
  lms = await StrictLms.start(inject("packagesDir"), browser.context);
});
afterAll(async () => {
  await lms.close();
  await browser.close();
});

let attempts = 0;
const newAttempt = (version: string) => `${version}-${++attempts}`;

/** Starts the course (with every product's scenarios when asked) and reads the policy. */
async function startCourse(frame: Frame, everyProduct = false): Promise<void> {
  if (everyProduct) for (const box of await frame.getByRole("checkbox").all()) await box.check();
  await frame.getByRole("button", { name: "Start" }).click();
  await readPolicy(frame);
}

/** On the policy step: opens the full text and every section, and goes on to the first scenario. */
async function readPolicy(frame: Frame): Promise<void> {
  await frame.locator(fullPolicyToggle).click();
  for (const anchor of sectionAnchors) await frame.locator(sectionToggle(anchor)).click();
  await frame.getByRole("button", { name: "Continue to the scenarios" }).click();
  await frame.waitForSelector(".scenario__situation");
}

async function acknowledge(frame: Frame): Promise<void> {
  await frame.getByRole("button", { name: "Continue to the acknowledgement" }).click();
  await frame.getByLabel("Type your full name to sign").fill("Ada Lovelace");
  await frame.getByRole("button", { name: "I acknowledge the policy" }).click();
  await frame.waitForSelector("#done-title");
}

/**
 * Closes the LMS window as a learner closes a tab (pagehide, no beforeunload) or navigates away
 * (beforeunload first), then waits for what the LMS's server receives and returns those posts.
 */
async function leave(page: Page, key: string, how: "close" | "navigate" = "close") {
  const before = lms.attempt(key).received.length;
  if (how === "close") await page.close();
  else {
    await page.goto("about:blank");
    await page.close();
  }
  await lms.received(key, before + 1).catch(() => undefined); // judged below
  await new Promise((resolve) => setTimeout(resolve, 300)); // a second post, if any, arrives too
  return lms.attempt(key).received.slice(before);
}

/**
 * Presses Enter on the focused link in the course's frame and returns the page it opened: a
 * window of its own, or a failure within 10 s when the link opens in the frame instead.
 */
async function enterOpensPage(frame: Frame): Promise<Page> {
  const courseUrl = frame.url();
  const [opened] = await Promise.all([
    browser.context.waitForEvent("page", { timeout: 10_000 }).catch(() => {
      throw new Error(
        `Enter on the link opened no window; the course's frame went from ${courseUrl} to ${frame.url()}`,
      );
    }),
    frame.page().keyboard.press("Enter"),
  ]);
  await opened.waitForLoadState();
  return opened;
}

/** No refused call and no lost post in the attempt so far; and at most one post each time the page unloaded. */
function expectCleanRecord(key: string): void {
  const record = lms.attempt(key);
  expect(lms.refused(key)).toEqual([]);
  expect(record.posts.filter((post) => !post.sent)).toEqual([]);
  expect(record.posts.every((post) => post.bytes <= KEEPALIVE_BUDGET)).toBe(true);
}

describe("the strict LMS", () => {
  it("counts a beacon's bytes as Chromium sends them", async () => {
    const page = await browser.newPage();
    await lms.launch(page, `kestrel-${SHIPPED_VERSION}-scorm2004.zip`, newAttempt("size"));
    const fields: [string, string][] = [
      ["cmi__interactions__12__description", "Can I paste this client’s email into Claude? (3.4 incorrect)"],
      ["cmi__suspend_data", "1~k3j2~0.1.2~" + "x".repeat(300)],
      ["unloading", "1"],
    ];
    // A string, so that vitest does not rewrite the page's own dynamic import.
    const [counted, sent] = await page.evaluate<[number, number]>(`(async (fields) => {
      const { multipartBytes } = await import("/strict-lms/postSize.ts");
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      return [multipartBytes(fields), (await new Response(form).arrayBuffer()).byteLength];
    })(${JSON.stringify(fields)})`);
    expect(counted).toBe(sent);
    await page.close();
  });
});

describe.each([
  ["scorm12", `kestrel-${SHIPPED_VERSION}-scorm12.zip`],
  ["scorm2004", `kestrel-${SHIPPED_VERSION}-scorm2004.zip`],
] as const)("%s package in a strict LMS", (version, name) => {
  const is12 = version === "scorm12";

  it(
    "is passed, left on the result screen without a status it has not earned, acknowledged on return, finished, and stays finished",
    async () => {
      const key = newAttempt(version);
      let page = await browser.newPage();
      let frame = await lms.launch(page, name, key);
      await startCourse(frame);
      await clickThroughScenarios(frame, course, () => "correct");
      expect(await frame.locator("#result-title").textContent()).toMatch(/You passed/);

      // Leaving on the result screen: one post, nothing passed or completed, no score, resumable.
      const onResult = await leave(page, key);
      expect(onResult).toHaveLength(1);
      if (is12) expect(lms.report(key)).toEqual({ status: "incomplete", score: "", exit: "suspend" });
      else
        expect(lms.report(key)).toMatchObject({
          completion: "incomplete",
          success: "unknown",
          score: "",
          exit: "suspend",
        });
      const onResultReport = lms.report(key);
      if ("progress" in onResultReport) expect(Number(onResultReport.progress)).toBeLessThan(1);

      page = await browser.newPage();
      frame = await lms.launch(page, name, key);
      expect(await frame.locator("#result-title").textContent()).toMatch(/You passed/);
      await acknowledge(frame);
      if (is12) expect(lms.report(key)).toMatchObject({ status: "passed", score: "100" });
      else expect(lms.report(key)).toMatchObject({ completion: "completed", success: "passed", score: "1" });

      // Finishing on purpose: the course closes the session while the page lives and says so.
      expect(await axeViolations(frame)).toEqual([]);
      await frame.getByRole("button", { name: "Finish" }).click();
      await frame.waitForSelector("#ended-title");
      expect(await frame.locator("#ended-title").textContent()).toBe("You have finished the course");
      expect(await frame.locator(".course-step").innerText()).toContain("You can close this window");
      expect(await axeViolations(frame)).toEqual([]);
      expect(lms.report(key).exit).toBe(is12 ? "" : "normal");
      const afterFinish = await leave(page, key);
      expect(afterFinish).toEqual([]); // nothing left to send

      // Relaunched, the finished attempt stays finished and the course shows the receipt.
      page = await browser.newPage();
      frame = await lms.launch(page, name, key);
      await frame.waitForSelector("#done-title");
      expect(await frame.locator(".receipt").innerText()).toContain("Ada Lovelace");
      await leave(page, key);
      if (is12) expect(lms.report(key)).toEqual({ status: "passed", score: "100", exit: "" });
      else expect(lms.report(key)).toMatchObject({ completion: "completed", success: "passed", exit: "normal" });
      expectCleanRecord(key);
    },
    PLAY,
  );

  it(
    "fails, fails the retry, passes the second retry with every product's scenarios, and its final post on leaving fits the keepalive budget",
    async () => {
      const key = newAttempt(version);
      const page = await browser.newPage();
      const frame = await lms.launch(page, name, key);
      await startCourse(frame, true);
      for (const retry of [false, true]) {
        if (retry) await frame.getByRole("button", { name: "Retry the missed scenarios" }).click();
        await clickThroughScenarios(frame, course, () => "incorrect");
        expect(await frame.locator("#result-title").textContent()).toMatch(/not yet a pass/);
        if (is12) expect(lms.report(key)).toMatchObject({ status: "failed", score: "" });
        else expect(lms.report(key)).toMatchObject({ completion: "incomplete", score: "" });
      }
      await frame.getByRole("button", { name: "Retry the missed scenarios" }).click();
      await clickThroughScenarios(frame, course, () => "correct");
      expect(await frame.locator("#result-title").textContent()).toMatch(/You passed/);
      if (is12) expect(lms.report(key)).toMatchObject({ status: "incomplete", score: "" });
      else expect(lms.report(key)).toMatchObject({ completion: "incomplete", success: "unknown", score: "" });
      await acknowledge(frame);

      // Closing the window now sends the largest state this course can hold, once, within budget.
      const final = await leave(page, key);
      expect(final.map((post) => post.via)).toEqual(["beacon"]);
      // As the server received them: the page's own record of a post may not outlive the page.
      const largest = Math.max(...lms.attempt(key).received.map((post) => post.bytes));
      const stored = Object.keys(lms.attempt(key).stored);
      const interactions = stored.filter((element) => /^cmi\.interactions\.\d+\.id$/.test(element)).length;
      console.log(`${version}: largest post ${largest} of ${KEEPALIVE_BUDGET} bytes, ${interactions} interactions`);
      expect(largest).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
      if (is12) expect(lms.report(key)).toEqual({ status: "passed", score: "100", exit: "" });
      else expect(lms.report(key)).toMatchObject({ completion: "completed", success: "passed", exit: "normal" });
      expectCleanRecord(key);
    },
    PLAY,
  );

  it(
    "fails, is left on the result screen without retrying, and the LMS holds the fail the learner earned but no score and no pass",
    async () => {
      const key = newAttempt(version);
      let page = await browser.newPage();
      let frame = await lms.launch(page, name, key);
      await startCourse(frame);
      await clickThroughScenarios(frame, course, () => "incorrect");
      expect(await frame.locator("#result-title").textContent()).toMatch(/not yet a pass/);

      // The result said "failed" to the LMS (the fail is earned) and sent no score.
      const said = lms
        .attempt(key)
        .calls.filter((call) => /SetValue$/.test(call.fn) && /(status|score)/.test(call.args[0] ?? ""))
        .map((call) => call.args);
      expect(said).toEqual([
        is12 ? ["cmi.core.lesson_status", "incomplete"] : ["cmi.completion_status", "incomplete"],
        is12 ? ["cmi.core.lesson_status", "failed"] : ["cmi.success_status", "failed"],
      ]);

      // After leaving on the result screen, what the LMS stores: no score at all. 1.2 keeps "failed",
      // which its mastery score cannot change at LMSFinish without a raw score; a 2004 LMS with the
      // manifest's passing score evaluates success from score.scaled, so without one it stores
      // "unknown", never "passed". Nothing completed; the exit is "suspend", so the attempt resumes.
      const expectFailedNoScore = () => {
        const { stored } = lms.attempt(key);
        expect(Object.keys(stored).filter((element) => /score/.test(element))).toEqual([]);
        if (is12) expect(lms.report(key)).toEqual({ status: "failed", score: "", exit: "suspend" });
        else {
          const report = lms.report(key);
          expect(report).toMatchObject({ completion: "incomplete", success: "unknown", score: "", exit: "suspend" });
          if ("progress" in report) expect(Number(report.progress)).toBeLessThan(1);
          expect([stored["cmi.completion_status"], stored["cmi.success_status"]]).toEqual(["incomplete", "unknown"]);
        }
      };
      expect(await leave(page, key)).toHaveLength(1);
      expectFailedNoScore();

      // Relaunched, the course is back on the result screen with its retry, and leaving again changes nothing.
      page = await browser.newPage();
      frame = await lms.launch(page, name, key);
      expect(await frame.locator("#result-title").textContent()).toMatch(/not yet a pass/);
      expect(await frame.getByRole("button", { name: "Retry the missed scenarios" }).count()).toBe(1);
      expect(await leave(page, key)).toHaveLength(1);
      expectFailedNoScore();
      expectCleanRecord(key);
    },
    PLAY,
  );

  it.each([true, false])(
    "is left halfway and resumed where the learner was (the LMS hands interactions back: %s)",
    async (handsBackInteractions) => {
      const key = newAttempt(version);
      let page = await browser.newPage();
      let frame = await lms.launch(page, name, key, { handsBackInteractions });
      await startCourse(frame);
      await clickThroughScenarios(frame, course, () => "partial", 2);
      await frame.locator(".choice").first().click();
      await frame.waitForSelector(".feedback");
      const title = await frame.locator("#scenario-title").textContent();
      expect(await axeViolations(frame)).toEqual([]); // Save and exit on screen too

      const posts = await leave(page, key, "navigate");
      expect(posts.map((post) => post.via)).toEqual(["beacon"]);
      if (is12) expect(lms.report(key)).toMatchObject({ status: "incomplete", score: "", exit: "suspend" });
      else expect(lms.report(key)).toMatchObject({ completion: "incomplete", score: "", exit: "suspend" });

      page = await browser.newPage();
      frame = await lms.launch(page, name, key, { handsBackInteractions });
      await frame.waitForSelector(".feedback");
      expect(await frame.locator("#scenario-title").textContent()).toBe(title);
      await frame.getByRole("button", { name: "Continue", exact: true }).click();
      await clickThroughScenarios(frame, course, () => "correct", 2);

      // Save and exit: the session closes while the page lives; leaving afterwards sends nothing.
      await frame.getByRole("button", { name: "Save and exit" }).click();
      await frame.waitForSelector("#ended-title");
      expect(await frame.locator("#ended-title").textContent()).toBe("Your progress is saved");
      expect(await frame.evaluate(() => document.activeElement?.id)).toBe("ended-title");
      expect(await axeViolations(frame)).toEqual([]);
      expect(lms.report(key).exit).toBe("suspend");
      expect(await leave(page, key)).toEqual([]);
      expectCleanRecord(key);
    },
    PLAY,
  );

  it("opens the policy from the header in a new window, leaving the course and its session running", async () => {
    const key = newAttempt(version);
    const page = await browser.newPage();
    const frame = await lms.launch(page, name, key);
    const courseUrl = frame.url();
    const [policy] = await Promise.all([
      browser.context.waitForEvent("page"),
      frame
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: /Policy/ })
        .click(),
    ]);
    await policy.waitForLoadState();
    expect(policy.url()).toContain("policy.html");
    expect(frame.url()).toBe(courseUrl);
    expect(await frame.locator("#intro-title").count()).toBe(1);
    expect(lms.attempt(key).calls.map((call) => call.fn)).not.toContain(is12 ? "LMSFinish" : "Terminate");
    await policy.close();
    await page.close();
  });

  it("opens the policy from the course and a clause from the feedback in a new window, by keyboard, leaving the course and its session running", async () => {
    const key = newAttempt(version);
    const page = await browser.newPage();
    const frame = await lms.launch(page, name, key);
    const courseUrl = frame.url();
    const ended = () => lms.attempt(key).calls.filter((call) => call.fn === (is12 ? "LMSFinish" : "Terminate"));

    // The policy step's own link: the first stop after its heading, which takes the focus.
    await frame.getByRole("button", { name: "Start" }).click();
    // The step comes with the later chunk, asked for on Start; its heading takes the focus when it arrives.
    await frame.waitForFunction(() => document.activeElement?.id === "policy-step-title");
    await frame.page().keyboard.press("Tab");
    expect(await focusedText(frame)).toBe("policy page (opens in a new tab)");
    const policy = await enterOpensPage(frame);
    expect(policy.url()).toBe(new URL("policy.html", courseUrl).href);
    expect(await policy.evaluate(() => window.opener === null)).toBe(true); // noopener: the policy cannot reach the course
    await policy.close();
    expect(frame.url()).toBe(courseUrl);
    expect(await frame.locator("#policy-step-title").count()).toBe(1);
    expect(ended()).toEqual([]);

    // The clause the feedback cites, as the course defines it for the choice made.
    await readPolicy(frame);
    const { title, choices } = await screenState(frame);
    const label = choiceFor(course, title, choices, "incorrect");
    const cites = choiceNamed(course, title, label)?.clause;
    const clause = course.policy.sections.flatMap((s) => s.clauses).find((c) => c.id === cites);
    if (!clause) throw new Error(`No clause for the choice "${label}" in "${title}"`);
    await frame.getByRole("button", { name: label, exact: true }).click();
    await frame.waitForSelector(".feedback");
    // Focus is on the feedback's Continue; the clause link comes just before it.
    await frame.page().keyboard.press("Shift+Tab");
    expect(await focusedText(frame)).toBe(`${clause.id} ${clause.title} (opens in a new tab)`);
    const cited = await enterOpensPage(frame);
    expect(cited.url()).toBe(new URL(`policy.html#${clause.anchor}`, courseUrl).href);
    expect(await cited.locator(`[id="${clause.anchor}"][data-clause="${clause.id}"]`).count()).toBe(1);
    await cited.close();
    expect(frame.url()).toBe(courseUrl);
    expect(await frame.locator(".feedback").count()).toBe(1);
    expect(ended()).toEqual([]);

    // The session still answers: the scenario played after the links is committed.
    const before = lms.attempt(key).calls.length;
    await clickThroughScenarios(frame, course, () => "correct", 1);
    const commits = lms
      .attempt(key)
      .calls.slice(before)
      .filter((call) => call.fn === (is12 ? "LMSCommit" : "Commit"));
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.every((call) => call.result === "true")).toBe(true);
    expect(ended()).toEqual([]);
    expect(lms.refused(key)).toEqual([]);
    await page.close();
  });

  it("tells the learner in plain words, with a named code, when the LMS refuses to save, and keeps the CMI detail for a debug view", async () => {
    const key = newAttempt(version);
    const page = await browser.newPage();
    // The LMS's server is unreachable: every commit fails (LMS error 101 in 1.2, 391 in 2004).
    const frame = await lms.launch(page, name, key, { unreachable: true });
    await startCourse(frame);
    await clickThroughScenarios(frame, course, () => "correct", 1);
    const alert = frame.getByRole("alert");
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/Your LMS did not save your progress/);
    expect(text).toContain("LMS_COMMIT_FAILED");
    expect(text).not.toMatch(/cmi\.|\b(101|391)\b/);
    await frame.getByRole("button", { name: "Details for your LMS administrator" }).click();
    const details = frame.locator("#lms-debug");
    await details.waitFor();
    expect(await details.innerText()).toMatch(is12 ? /LMSCommit.*101/s : /Commit.*391/s);
    expect(await axeViolations(frame)).toEqual([]);
    await page.close();
  });
});
