import type { Policy } from "../policy/types.ts";
import type { CourseScenario } from "../schemas/scenario.ts";
import { countOf } from "../lib/plural.ts";

/** A typical adult's reading speed for workplace prose that needs some thought. */
export const WORDS_PER_MINUTE = 200;
/** Weighing the choices of a question once they are read: the reading itself is counted in words. */
export const SECONDS_PER_DECISION = 20;

/** The time something takes, in minutes: the quickest and the slowest way through it. */
export interface MinutesRange {
  low: number;
  high: number;
}

/** Words a learner reads in text or rendered HTML: tags do not count, entities are part of their word. */
export function wordCount(text: string): number {
  const plain = text.replace(/<[^>]*>/g, " ").replace(/&[#a-z0-9]+;/gi, "'");
  return plain.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const minutesFor = (words: number, decisions: number) =>
  words / WORDS_PER_MINUTE + (decisions * SECONDS_PER_DECISION) / 60;

/** Reading the policy step: every section's title, "why" note, and clauses with their titles. */
export function policyMinutes(sections: Policy["sections"]): number {
  const words = sections.reduce(
    (sum, { title, whyHtml, clauses }) =>
      sum + wordCount(`${title} ${whyHtml}`) + clauses.reduce((n, c) => n + wordCount(`${c.title} ${c.text}`), 0),
    0,
  );
  return minutesFor(words, 0);
}

/** Reading the key rules the policy step leads with: each one-line rule and its id. */
export function keyRulesMinutes(rules: readonly { summary: string }[]): number {
  return minutesFor(
    rules.reduce((sum, rule) => sum + wordCount(rule.summary), 0),
    0,
  );
}

/**
 * One scenario, along its shortest and its longest path: on each question the learner reads the
 * situation and every label, decides, and reads the chosen choice's feedback; then the debrief.
 */
export function scenarioMinutes(scenario: CourseScenario): MinutesRange {
  const walk = (id: string): MinutesRange => {
    const node = scenario.nodes[id];
    if (!node) return { low: 0, high: 0 };
    if (node.type === "end") {
      const debrief = minutesFor(wordCount(node.debrief), 0);
      return { low: debrief, high: debrief };
    }
    const reading = wordCount(node.situation) + node.choices.reduce((n, c) => n + wordCount(c.label), 0);
    const after = node.choices.map((choice) => {
      const rest = walk(choice.next);
      const here = minutesFor(reading + wordCount(choice.feedback), 1);
      return { low: here + rest.low, high: here + rest.high };
    });
    return { low: Math.min(...after.map((r) => r.low)), high: Math.max(...after.map((r) => r.high)) };
  };
  return walk(scenario.start);
}

/** The sum of ranges, plus `fixed` minutes that every way through takes (the policy step). */
export function totalMinutes(ranges: readonly MinutesRange[], fixed = 0): MinutesRange {
  return ranges.reduce((sum, r) => ({ low: sum.low + r.low, high: sum.high + r.high }), { low: fixed, high: fixed });
}

/**
 * How long to allow, as the intro and home page say it: "about 12 minutes", "about 40 to 55 minutes".
 * Rounded to whole minutes, and to fives from a quarter of an hour, since more precision would be false.
 */
export function formatMinutes({ low, high }: MinutesRange): string {
  const step = high >= 15 ? 5 : 1;
  const from = Math.max(1, Math.floor(low / step) * step);
  const to = Math.max(from, Math.ceil(high / step) * step);
  return from === to ? `about ${countOf(to, "minute")}` : `about ${from} to ${countOf(to, "minute")}`;
}
