import { buildCourseDefinition } from "../../src/course/courseDefinition.ts";
import { acknowledgedResult, courseResult } from "../../src/course/courseResult.ts";
import { onboardingPlan } from "../../src/course/firstAttempt.ts";
import type { ScenarioResult } from "../../src/course/scenarioResult.ts";
import { scenarioReplay } from "../../src/machines/scenarioReplay.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import type { AcknowledgementRequest } from "../../src/schemas/acknowledgementBody.ts";
import type { CourseScenario } from "../../src/schemas/scenario.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";

// Shared by the tests and the benchmarks, which run outside vitest: no test-runner imports here.

/** The shipped policy and onboarding course, as the build publishes them (read once per process). */
export const shippedPolicy = loadPolicy();
export const shippedOnboarding = buildCourseDefinition(shippedPolicy, loadScenarios().scenarios, "onboarding");

/** A learner who uses every product the organisation deploys: the largest onboarding plan, as the heaviest real record. */
const scope = onboardingPlan(shippedOnboarding, { audiences: shippedOnboarding.productAudiences });

/**
 * Every play of each scenario the fixtures use, played through the course's own machines once per
 * process (a benchmark seeds 100,000 records from these): the fully correct path first, then, for
 * each node on it, one play per other choice there, continued correctly to the end.
 */
const plays: ReadonlyMap<string, readonly ScenarioResult[]> = new Map(
  scope.map((id) => {
    const scenario = shippedOnboarding.scenarios.find((s) => s.id === id);
    if (!scenario) throw new Error(`Scenario "${id}" is in the plan but not in the course.`);
    const replay = scenarioReplay(shippedOnboarding);
    const results = choiceSequences(scenario).map((choices) => {
      const result = replay.finishedPlay(id, choices, 0);
      if (!result) throw new Error(`Choices ${choices.join(",")} do not finish scenario "${id}".`);
      return result;
    });
    return [id, results];
  }),
);

/** The fully correct choices, then each single deviation from them (later choices correct again). */
function choiceSequences(scenario: CourseScenario): number[][] {
  const correctFrom = (nodeId: string, taken: number[] = []): number[] => {
    const node = scenario.nodes[nodeId];
    if (node?.type !== "question") return taken;
    const index = node.choices.findIndex((c) => c.outcome === "correct");
    return correctFrom(node.choices[index]?.next ?? "", [...taken, index]);
  };
  const correct = correctFrom(scenario.start);
  const deviations: number[][] = [];
  let nodeId = scenario.start;
  correct.forEach((index, step) => {
    const node = scenario.nodes[nodeId];
    if (node?.type !== "question") return;
    node.choices.forEach((choice, other) => {
      if (other !== index) deviations.push(correctFrom(choice.next, [...correct.slice(0, step), other]));
    });
    nodeId = node.choices[index]?.next ?? "";
  });
  return [correct, ...deviations];
}

/**
 * A genuine, passing onboarding result of the shipped course for record `n`, as the course sends it
 * (`acknowledgedResult`): every scenario of the plan with the outcomes of a real path and the scores
 * the course computes. Records differ: all correct for one n in ten, otherwise one to three scenarios
 * (drawn from n) take a wrong or partly right turn somewhere, never enough to fall below the pass mark.
 */
export function onboardingResult(n: number): AcknowledgementRequest["result"] {
  for (let deviating = n % 10 === 0 ? 0 : 1 + (n % 3); deviating >= 0; deviating--) {
    const random = seededRandom(n);
    const turns = new Map<string, number>();
    while (turns.size < deviating) {
      const id = scope[Math.floor(random() * scope.length)] ?? "";
      turns.set(id, 1 + Math.floor(random() * ((plays.get(id)?.length ?? 1) - 1)));
    }
    const finished: Record<string, ScenarioResult> = {};
    for (const id of scope) {
      const options = plays.get(id) ?? [];
      const play = options[turns.get(id) ?? 0] ?? options[0];
      if (play) finished[id] = play;
    }
    const result = courseResult({ course: shippedOnboarding, scope, finished, attempt: 1 });
    if (result.passed) return acknowledgedResult(result);
  }
  throw new Error(
    `The shipped course's fully correct result does not reach its pass mark of ${shippedOnboarding.passMark}%: check content/organisation.yaml.`,
  );
}

/** mulberry32: the same numbers for the same n in every run, so that fixtures are reproducible. */
function seededRandom(n: number): () => number {
  let seed = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
