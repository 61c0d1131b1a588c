import type { Outcome } from "../schemas/scenario.ts";

/** Credit for one answer: a partly correct choice earns half. */
export const OUTCOME_CREDIT: Record<Outcome, number> = { correct: 1, partial: 0.5, incorrect: 0 };

/** Share of the available credit earned, from 0 to 1; no answers score 0. */
export function scoreOutcomes(outcomes: readonly Outcome[]): number {
  if (!outcomes.length) return 0;
  return outcomes.reduce((sum, outcome) => sum + OUTCOME_CREDIT[outcome], 0) / outcomes.length;
}

/** A score from 0 to 1 as a whole percentage, as LMSs and reports show it. */
export function toPercent(score: number): number {
  return Math.round(score * 100);
}
