import type { ScenarioResult } from "./scenarioResult.ts";
import { reachesPassMark, scoreCourse } from "./scoring.ts";
import type { AcknowledgementRequest, CourseResult } from "../tracking/tracker.ts";
import type { CourseDefinition } from "./courseDefinition.ts";
import { earlierMissedList, type EarlierMisses } from "./earlierMisses.ts";

export interface ResultInput {
  course: CourseDefinition;
  /** Every scenario of the course attempt, in play order. */
  scope: string[];
  finished: Record<string, ScenarioResult>;
  attempt: number;
  /** What earlier attempts missed (their plays of the scenarios replayed since). */
  earlierMisses?: EarlierMisses;
}

/** The course result from the latest play of each scenario: the mean score against the pass mark. */
export function courseResult({ course, scope, finished, attempt, earlierMisses = {} }: ResultInput): CourseResult {
  const scenarios = scope.map((id) => {
    const result = finished[id];
    const missed = result?.answers.filter((a) => a.outcome !== "correct").map((a) => a.clause) ?? [];
    const outcomes = result?.answers.map(({ clause, outcome }) => ({ clause, outcome })) ?? [];
    return { id, score: result?.score ?? 0, missedClauses: [...new Set(missed)], outcomes };
  });
  const done = scenarios.filter((s) => finished[s.id]).length;
  const score = scoreCourse(scenarios.map((s) => s.score));
  return {
    mode: course.mode,
    score,
    passMark: course.passMark,
    passed: done === scenarios.length && reachesPassMark(score, course.passMark),
    attempt,
    scenarios,
    earlierMissed: earlierMissedList(earlierMisses),
    progress: scenarios.length ? done / scenarios.length : 0,
  };
}

/** Scenarios to play again: those not fully correct. */
export function missedScenarios(result: CourseResult): string[] {
  return result.scenarios.filter((s) => s.score < 1).map((s) => s.id);
}

/** The result as the learner acknowledges it: only what the acknowledgement body holds. */
export function acknowledgedResult({
  mode,
  score,
  passed,
  attempt,
  scenarios,
  earlierMissed,
}: CourseResult): AcknowledgementRequest["result"] {
  return {
    mode,
    score,
    passed,
    attempt,
    scenarios: scenarios.map(({ id, score, outcomes }) => ({ id, score, outcomes })),
    ...(earlierMissed ? { earlierMissed } : {}),
  };
}
