import type { CourseResult } from "../tracking/tracker.ts";

/** Misses of earlier attempts by clause: how many choices citing it were not the correct one. */
export type EarlierMisses = Readonly<Record<string, number>>;

/**
 * The misses so far once an attempt that failed is retried: its missed scenarios are played again
 * and their latest play replaces the one that failed, so what that play missed is kept here, for HR's
 * "clauses most often missed" (every attempt counts, not only the one that passed).
 */
export function withMissesOf(earlier: EarlierMisses, failed: CourseResult): EarlierMisses {
  const misses = { ...earlier };
  for (const { outcomes } of failed.scenarios)
    for (const { clause, outcome } of outcomes) if (outcome !== "correct") misses[clause] = (misses[clause] ?? 0) + 1;
  return misses;
}

/** The misses as the acknowledgement carries them: by clause, in a stable order; undefined when none. */
export function earlierMissedList(misses: EarlierMisses): { clause: string; count: number }[] | undefined {
  const list = Object.entries(misses)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([clause, count]) => ({ clause, count }));
  return list.length ? list : undefined;
}
