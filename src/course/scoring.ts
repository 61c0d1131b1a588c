import type { Outcome } from "../schemas/scenario.ts";

/** Credit for one answer: a partly correct choice earns half. */
export const OUTCOME_CREDIT: Record<Outcome, number> = { correct: 1, partial: 0.5, incorrect: 0 };

/** Share of the available credit earned, from 0 to 1; no answers score 0. */
export function scoreOutcomes(outcomes: readonly Outcome[]): number {
  if (!outcomes.length) return 0;
  return outcomes.reduce((sum, outcome) => sum + OUTCOME_CREDIT[outcome], 0) / outcomes.length;
}

/**
 * A course's score: the mean of its scenarios' scores, from 0 to 1. No scenarios score 1: only an
 * update with nothing to quiz on has none (read, then acknowledge), and it has nothing to get wrong;
 * the server refuses any other result without scenarios.
 */
export function scoreCourse(scenarioScores: readonly number[]): number {
  if (!scenarioScores.length) return 1;
  return scenarioScores.reduce((sum, score) => sum + score, 0) / scenarioScores.length;
}

/** Whether a score reaches the pass mark, compared as the whole percentage the learner is shown. */
export function reachesPassMark(score: number, passMark: number): boolean {
  return toPercent(score) >= passMark;
}

/** A score from 0 to 1 as a whole percentage, as LMSs and reports show it. */
export function toPercent(score: number): number {
  return Math.round(score * 100);
}
