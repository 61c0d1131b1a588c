import type { ScenarioResult } from "./scenarioResult.ts";
import { reachesPassMark, scoreCourse } from "./scoring.ts";
import type { AcknowledgementRequest, CourseResult } from "../tracking/tracker.ts";
import type { CourseDefinition } from "./courseDefinition.ts";

export interface ResultInput {
  course: CourseDefinition;
  /** Every scenario of the course attempt, in play order. */
  scope: string[];
  finished: Record<string, ScenarioResult>;
  attempt: number;
}

/** The course result from the latest play of each scenario: the mean score against the pass mark. */
export function courseResult({ course, scope, finished, attempt }: ResultInput): CourseResult {
  const scenarios = scope.map((id) => {
    const result = finished[id];
    const missed = result?.answers.filter((a) => a.outcome !== "correct").map((a) => a.clause) ?? [];
    const outcomes = result?.answers.map(({ clause, outcome }) => ({ clause, outcome })) ?? [];
    return { id, score: result?.score ?? 0, missedClauses: [...new Set(missed)], outcomes };
  });
  const done = scenarios.filter((s) => finished[s.id]).length;
  // An update with nothing to quiz on has nothing to get wrong (checkResult.ts's resultScore agrees).
  const score = scenarios.length || !course.update ? scoreCourse(scenarios.map((s) => s.score)) : 1;
  return {
    mode: course.mode,
    // An update's versions; other courses have none (the spread of undefined adds nothing).
    ...course.updateVersions,
    score,
    passMark: course.passMark,
    passed: done === scenarios.length && reachesPassMark(score, course.passMark),
    attempt,
    scenarios,
    progress: scenarios.length ? done / scenarios.length : 0,
  };
}

/** Scenarios to play again: those not fully correct. */
export function missedScenarios(result: CourseResult): string[] {
  return result.scenarios.filter((s) => s.score < 1).map((s) => s.id);
}

/** The result as the learner acknowledges it: only what the acknowledgement body holds. */
export function acknowledgedResult(result: CourseResult): AcknowledgementRequest["result"] {
  const { mode, from, to, score, passed, attempt, scenarios } = result;
  // from and to are undefined but in an update, and JSON leaves undefined out of the body.
  return {
    mode,
    from,
    to,
    score,
    passed,
    attempt,
    scenarios: scenarios.map(({ id, score, outcomes }) => ({ id, score, outcomes })),
  };
}
