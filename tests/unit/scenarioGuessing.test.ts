import { describe, expect, it } from "vitest";
import { choiceOrder } from "../../src/course/choiceOrder.ts";
import { onboardingPlan } from "../../src/course/firstAttempt.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import type { CourseScenario, Scenario } from "../../src/schemas/scenario.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import {
  expectedCourseScore,
  expectedScenarioScore,
  labelStrategies,
  type LabelStrategy,
  type Ordering,
} from "../support/labelStrategies.ts";

/**
 * The course must not be passable by reading only the labels: no strategy that picks by position,
 * length, sentence count or wording may expect more than this share of the credit (the pass mark is
 * 80%; answering at random expects about 37% of the shipped bank).
 */
const GUESSING_CEILING = 0.55;

const org = loadPolicy().organisation;
const strategies = labelStrategies([
  org.contacts.incidents.name,
  org.contacts.questions.name,
  org.contacts.incidents.email,
]);
/** The orders the course shows on 200 attempts (new attempt ids, and retries of one). */
const attempts: Ordering[] = Array.from({ length: 200 }, (_, i) => {
  const seed = { attemptId: `guess${(i >> 2).toString(36)}`, attempt: (i % 4) + 1 };
  return (scenario, node, count) => choiceOrder(seed, scenario.id, node, count);
});
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const MEASURES: [string, (scenarios: readonly CourseScenario[], strategy: LabelStrategy) => number][] = [
  ["in file order", (scenarios, strategy) => expectedCourseScore(scenarios, strategy, "file")],
  ["in every shuffled order", (scenarios, strategy) => expectedCourseScore(scenarios, strategy, "shuffled")],
  [
    "as the course shuffles them over 200 attempts",
    (scenarios, strategy) => mean(attempts.map((ordering) => expectedCourseScore(scenarios, strategy, ordering))),
  ],
];

/** Every strategy and ordering whose expected score over `scenarios` is above the ceiling, as readable lines. */
function strategiesThatPass(scenarios: readonly CourseScenario[]): string[] {
  return strategies.flatMap((strategy) =>
    MEASURES.flatMap(([how, measure]) => {
      const score = measure(scenarios, strategy);
      return score > GUESSING_CEILING ? [`${strategy.name}, ${how}: ${(score * 100).toFixed(1)}%`] : [];
    }),
  );
}

describe("guessing from the labels", () => {
  it("expects no more than 55% over the whole bank, whatever the strategy, in file order or as shuffled", () => {
    const { scenarios } = loadScenarios();
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
    expect(strategiesThatPass(scenarios)).toEqual([]);
  });

  it("expects no more than 55% over each onboarding selection a learner can get", () => {
    const course = shippedCourse("onboarding");
    const products = course.productAudiences;
    const selections = [[], ...products.map((p) => [p]), products];
    for (const audiences of selections) {
      const ids = onboardingPlan(course, { audiences });
      const played = course.scenarios.filter((s) => ids.includes(s.id));
      expect(played.length).toBeGreaterThan(0);
      expect(strategiesThatPass(played), `a learner of ${audiences.join(" and ") || "no agent product"}`).toEqual([]);
    }
  });
});

describe("the expected score of a strategy", () => {
  // a: the short label is right and ends the scenario; the long one is wrong and leads to b.
  // b: the short label is wrong, the long one right; both end it.
  const scenario = {
    id: "two-steps",
    title: "Two steps",
    summary: "A scenario small enough to score by hand.",
    audience: "everyone",
    clauses: ["3.1"],
    start: "a",
    nodes: {
      a: {
        type: "question",
        situation: "First.",
        choices: [
          { label: "Right.", next: "end", outcome: "correct", clause: "3.1", feedback: "Yes." },
          { label: "A longer wrong answer.", next: "b", outcome: "incorrect", clause: "3.1", feedback: "No." },
        ],
      },
      b: {
        type: "question",
        situation: "Second.",
        choices: [
          { label: "Wrong.", next: "end", outcome: "incorrect", clause: "3.1", feedback: "No." },
          { label: "The longer right one.", next: "end", outcome: "correct", clause: "3.1", feedback: "Yes." },
        ],
      },
      end: { type: "end", debrief: "Done." },
    },
  } satisfies Scenario;
  const named = (name: string): LabelStrategy => {
    const strategy = strategies.find((s) => s.name === name);
    if (!strategy) throw new Error(`No strategy named ${name}`);
    return strategy;
  };

  it("follows the path a strategy takes and scores it as the course does (the mean credit of its answers)", () => {
    expect(expectedScenarioScore(scenario, named("always the first"), "file")).toBe(1);
    expect(expectedScenarioScore(scenario, named("always the last"), "file")).toBe(0.5);
    expect(expectedScenarioScore(scenario, named("the longest"), "file")).toBe(0.5);
    expect(expectedScenarioScore(scenario, named("the shortest"), "file")).toBe(1);
  });

  it("counts a label's parts by its ', ' and ' and ' separators, ties going to the longest", () => {
    const labels = ["Stop, and report it.", "Stop, keep it, and report it.", "Stop and keep it, then report."];
    // Three parts each for the last two; the last is one character longer.
    expect(named("the most parts, then the longest").pick(labels)).toBe(2);
    expect(named("the most ' and 's").pick(["Read it and check it.", "Stop, keep it and tell them and report."])).toBe(
      1,
    );
  });

  it("averages a position strategy over every order the choices can be shown in", () => {
    // Half the time the first shown is right (1); otherwise b, where half the time it is right ([0, 1] scores 0.5).
    expect(expectedScenarioScore(scenario, named("always the first"), "shuffled")).toBe(0.625);
    // Length does not depend on the order shown.
    expect(expectedScenarioScore(scenario, named("the longest"), "shuffled")).toBe(0.5);
  });

  it("uses the order a given play shows when asked to", () => {
    const reversed: Ordering = (_scenario, _node, count) => [...Array(count).keys()].reverse();
    expect(expectedScenarioScore(scenario, named("always the first"), reversed)).toBe(0.5);
    expect(expectedCourseScore([scenario, scenario], named("always the last"), reversed)).toBe(1);
  });
});
