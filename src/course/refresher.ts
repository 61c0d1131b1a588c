import { quarterIndex, quarterName } from "../lib/quarters.ts";
import type { CourseScenario } from "../schemas/scenario.ts";
import type { ProductAudience } from "./courseDefinition.ts";
import type { FirstAttemptPlan } from "./firstAttempt.ts";

/**
 * Quarterly refresher quizzes: the same learner gets the same quiz all quarter and a different one
 * the next, avoiding last quarter's scenarios where the bank allows, favouring the clauses the
 * learner missed before, and spreading over the policy's sections. Deterministic: no clock, no
 * Math.random, so any quiz can be reproduced from the learner id and the quarter.
 */

/** The first quarter of the chain; each quarter's quiz avoids the one before, back to here. */
const EPOCH = "2024-Q1";

export interface RefresherOptions {
  learnerId: string;
  /** Quarter as "2026-Q4". */
  quarter: string;
  size: number;
  /** Clauses this learner missed before, when the records hold them. */
  missedClauses?: ReadonlySet<string>;
}

/** The refresher quiz for a learner and quarter: scenario ids, in the order they are played. */
export function refresherQuiz(bank: readonly CourseScenario[], options: RefresherOptions): string[] {
  const target = quarterIndex(options.quarter);
  let previous = new Set<string>();
  for (let q = quarterIndex(EPOCH); q < target; q++)
    previous = new Set(pick(bank, { ...options, quarter: quarterName(q), missedClauses: undefined }, previous));
  return pick(bank, options, previous);
}

/**
 * Greedy selection: each pick prefers, in turn, a scenario not in last quarter's quiz (so repeats
 * happen only when the bank runs out), one teaching a missed clause, one covering new sections, then chance.
 */
function pick(bank: readonly CourseScenario[], options: RefresherOptions, avoid: ReadonlySet<string>): string[] {
  const random = seededRandom(`${options.learnerId}|${options.quarter}`);
  const candidates = bank.map((scenario) => ({ scenario, chance: random() }));
  const size = Math.min(options.size, bank.length);
  const chosen: typeof candidates = [];
  const covered = new Set<string>();
  while (chosen.length < size) {
    const rank = (c: (typeof candidates)[number]) => [
      avoid.has(c.scenario.id) ? 0 : 1,
      c.scenario.clauses.filter((clause) => options.missedClauses?.has(clause)).length,
      sectionsOf(c.scenario).filter((section) => !covered.has(section)).length,
      c.chance,
    ];
    const remaining = candidates.filter((c) => !chosen.includes(c));
    const best = remaining.reduce((a, b) => (compare(rank(b), rank(a)) > 0 ? b : a));
    chosen.push(best);
    for (const section of sectionsOf(best.scenario)) covered.add(section);
  }
  return chosen.map((c) => c.scenario.id);
}

function sectionsOf(scenario: CourseScenario): string[] {
  return scenario.clauses.map((clause) => clause.split(".")[0] ?? clause);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** mulberry32 seeded by an FNV-1a hash of the text: small, fast and the same in every browser. */
function seededRandom(text: string): () => number {
  let seed = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 0x01000193);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The refresher's first attempt: this learner's quiz for this quarter, of the size the settings give,
 * from the scenarios for everyone, the addenda and the products the learner uses (none when unknown:
 * a marketer is better served without Claude Code scenarios than an engineer is harmed without them).
 */
export const refresherPlan: FirstAttemptPlan = (
  course,
  { learnerId = "", quarter = "", missedClauses, audiences = [] },
) =>
  refresherQuiz(
    course.scenarios.filter(
      (s) =>
        !(course.productAudiences as string[]).includes(s.audience) ||
        audiences.includes(s.audience as ProductAudience),
    ),
    {
      learnerId,
      quarter,
      size: course.refresherSize,
      missedClauses: missedClauses && new Set(missedClauses),
    },
  );
