import type { Frame, Page } from "playwright-core";
import { expect } from "vitest";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import type { Outcome, QuestionNode } from "../../src/schemas/scenario.ts";

/**
 * Presses Tab until `isFocused(arg)`, run in the page, says the focused element is the one wanted,
 * as a keyboard user would; fails after `limit` presses.
 */
export async function tabTo(
  page: Page,
  describe: string,
  isFocused: (arg: string) => boolean,
  arg: string,
  limit = 80,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(isFocused, arg)) return;
  }
  throw new Error(`Tab never reached ${describe} in ${limit} presses`);
}

/** Tabs to the element whose text is exactly `text`. */
export function tabToText(page: Page, text: string): Promise<void> {
  return tabTo(page, `"${text}"`, (wanted) => (document.activeElement?.textContent ?? "").trim() === wanted, text);
}

/** The visible text of the focused element. */
export function focusedText(page: Page | Frame): Promise<string> {
  return page.evaluate(() => (document.activeElement?.textContent ?? "").trim());
}

/** The choice of the scenario with this title whose button reads `label`, as the course defines it. */
export function choiceNamed(course: CourseDefinition, title: string, label: string) {
  const scenario = course.scenarios.find((s) => s.title === title);
  if (!scenario) throw new Error(`No scenario titled "${title}"`);
  return Object.values(scenario.nodes)
    .flatMap((node) => (node.type === "question" ? node.choices : []))
    .find((choice) => choice.label === label.replace(/^Your choice: /, ""));
}

/** The question of the scenario with this title that offers the choice labelled `label`. */
export function questionOffering(course: CourseDefinition, title: string, label: string): QuestionNode | undefined {
  const scenario = course.scenarios.find((s) => s.title === title);
  return Object.values(scenario?.nodes ?? {}).find(
    (node): node is QuestionNode => node.type === "question" && node.choices.some((c) => c.label === label),
  );
}

/** Which choice label has the wanted outcome in the scenario with this title (falls back to any other). */
export function choiceFor(course: CourseDefinition, title: string, labels: string[], wanted: Outcome): string {
  const outcomeOf = (label: string) => choiceNamed(course, title, label)?.outcome;
  return (
    labels.find((label) => outcomeOf(label) === wanted) ??
    labels.find((label) => outcomeOf(label) !== "correct") ??
    labels[0] ??
    ""
  );
}

/** Reads the scenario on screen: title and choice labels (empty when it shows feedback or a debrief). */
export async function screenState(page: Page | Frame) {
  return page.evaluate(() => ({
    title: document.querySelector("#scenario-title")?.textContent ?? "",
    choices: [...document.querySelectorAll<HTMLButtonElement>(".choice:not(:disabled)")].map(
      (b) => b.textContent ?? "",
    ),
    feedback: document.querySelector(".feedback h2")?.textContent ?? "",
    debrief: document.querySelector(".scenario__debrief") !== null,
    step: document.querySelector(".course-step h1")?.id ?? "",
  }));
}

/**
 * Plays the scenarios on screen by clicking, in a page or in a frame (the LMS frames the course),
 * to the result or until `scenarios` have been finished. `pick` chooses the outcome to aim for.
 */
export async function clickThroughScenarios(
  view: Page | Frame,
  course: CourseDefinition,
  pick: (scenarioIndex: number) => Outcome,
  scenarios = Infinity,
): Promise<void> {
  let scenarioIndex = 0;
  for (let guard = 0; guard < 400; guard++) {
    const screen = await screenState(view);
    if (screen.step === "result-title" || scenarioIndex >= scenarios) return;
    const before = JSON.stringify(screen);
    if (screen.feedback) await view.getByRole("button", { name: "Continue", exact: true }).click();
    else if (screen.choices.length) {
      const label = choiceFor(course, screen.title, screen.choices, pick(scenarioIndex));
      await view.getByRole("button", { name: label, exact: true }).click();
      await view.waitForSelector(".feedback");
      // Focus moves to the feedback's Continue, so that nobody is left on a button that has gone.
      expect(await focusedText(view)).toBe("Continue");
    } else if (screen.debrief) {
      await view.locator(".scenario__debrief .button").click();
      scenarioIndex++;
    }
    await changed(view, before);
  }
  throw new Error("The course did not reach its result");
}

/** Waits (at most 10 s) until what the learner sees differs from `before`. */
async function changed(view: Page | Frame, before: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 20)))
    if (JSON.stringify(await screenState(view)) !== before) return;
  throw new Error(`The screen did not change after a click: ${before}`);
}
