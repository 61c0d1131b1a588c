import type { CourseScenario, Outcome, QuestionNode } from "../../src/schemas/scenario.ts";
import { scoreCourse, scoreOutcomes } from "../../src/course/scoring.ts";
import { labelSentences } from "../../src/scenarios/labelSentences.ts";

/**
 * Strategies that answer from the labels alone, as a learner who does not know the policy might:
 * by where a choice sits, how long it is, how many sentences it has, or the words it uses. Each
 * picks one position among the labels as shown; ties go to the first shown.
 */
export interface LabelStrategy {
  name: string;
  pick: (labels: readonly string[]) => number;
}

/** The position of the label with the highest `score`, the first shown among equals. */
function best(name: string, score: (label: string) => number): LabelStrategy {
  return {
    name,
    pick: (labels) => labels.reduce((top, label, i) => (score(label) > score(labels[top] ?? "") ? i : top), 0),
  };
}

/** The position of the label whose `measure` is the median (the lower one of two), the first shown among equals. */
function middleBy(measure: (label: string) => number) {
  return (labels: readonly string[]) => {
    const sorted = labels.map((label, i) => ({ i, m: measure(label) })).sort((a, b) => a.m - b.m || a.i - b.i);
    return sorted[Math.floor((sorted.length - 1) / 2)]?.i ?? 0;
  };
}

/** The position of the second longest label (the only one of two), the first shown among equals. */
function secondLongest(labels: readonly string[]) {
  const sorted = labels.map((label, i) => ({ i, m: label.length })).sort((a, b) => b.m - a.m || a.i - b.i);
  return sorted[Math.min(1, sorted.length - 1)]?.i ?? 0;
}

const words = (label: string) => label.split(/\s+/).filter(Boolean).length;
/** How many parts a label joins: one more than its ", " and " and " separators. */
const parts = (label: string) => 1 + (label.match(/, | and /g)?.length ?? 0);
const ands = (label: string) => label.match(/ and /g)?.length ?? 0;

/** Every strategy the guessing test plays: `contacts` are the names a guesser might look for. */
export function labelStrategies(contacts: readonly string[]): LabelStrategy[] {
  const keywords: [string, RegExp][] = [
    ["ask", /\bask/i],
    ["report", /\breport/i],
    ["check", /\bcheck/i],
    ["don't", /\b(don't|do not|never|not|no)\b/i],
    ["stop", /\bstop/i],
    ["tell", /\btell/i],
    ["first or before", /\b(first|before)\b/i],
    ["approval", /\bapprov/i],
    ["refuse, decline or skip", /\b(refuse|decline|skip|turn\w* (it|them|the \w+) down|keep claude)\b/i],
    ["a reason (because, since, so, anyway, only, just)", /\b(because|since|so|anyway|only|just|already)\b/i],
    ["a named contact", new RegExp(contacts.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i")],
  ];
  return [
    { name: "always the first", pick: () => 0 },
    { name: "always the second", pick: (labels) => Math.min(1, labels.length - 1) },
    { name: "always the middle", pick: (labels) => Math.floor(labels.length / 2) },
    { name: "always the last", pick: (labels) => labels.length - 1 },
    best("the longest", (label) => label.length),
    best("the shortest", (label) => -label.length),
    { name: "the middle length", pick: middleBy((label) => label.length) },
    { name: "the second longest", pick: secondLongest },
    best("the most words", words),
    best("the fewest words", (label) => -words(label)),
    best("the most sentences", (label) => labelSentences(label)),
    best("the fewest sentences", (label) => -labelSentences(label)),
    // Longer labels break ties, so the score is parts plus a fraction below one.
    best("the most parts, then the longest", (label) => parts(label) + label.length / 10_000),
    best("the most ' and 's", ands),
    ...keywords.flatMap(([word, pattern]): LabelStrategy[] => [
      best(`with "${word}"`, (label) => (pattern.test(label) ? 1 : 0)),
      best(`without "${word}"`, (label) => (pattern.test(label) ? 0 : 1)),
    ]),
  ];
}

/**
 * How the choices of a question are shown: `file` in the order written, `shuffled` in every order
 * with equal chance (what a uniform shuffle gives), or a function that returns the order a given
 * play shows (positions of the file's choices, in display order).
 */
export type Ordering = "file" | "shuffled" | ((scenario: CourseScenario, node: string, count: number) => number[]);

/** Each file position's chance of being picked by `strategy` at `node`, under `ordering`. */
function pickChances(
  strategy: LabelStrategy,
  scenario: CourseScenario,
  id: string,
  node: QuestionNode,
  ordering: Ordering,
) {
  const labels = node.choices.map((c) => c.label);
  const orders =
    ordering === "file"
      ? [labels.map((_, i) => i)]
      : ordering === "shuffled"
        ? permutations(labels.map((_, i) => i))
        : [ordering(scenario, id, labels.length)];
  const chances = labels.map(() => 0);
  for (const order of orders) {
    const picked = order[strategy.pick(order.map((i) => labels[i] ?? ""))] ?? 0;
    chances[picked] = (chances[picked] ?? 0) + 1 / orders.length;
  }
  return chances;
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * A scenario's expected score for a learner who plays `strategy`: every path the strategy can take,
 * weighted by its chance, each scored as the course scores a play (the mean credit of its answers).
 */
export function expectedScenarioScore(scenario: CourseScenario, strategy: LabelStrategy, ordering: Ordering): number {
  const walk = (id: string, outcomes: Outcome[], chance: number): number => {
    const node = scenario.nodes[id];
    if (!node || node.type === "end") return chance * scoreOutcomes(outcomes);
    return pickChances(strategy, scenario, id, node, ordering).reduce((sum, p, i) => {
      const choice = node.choices[i];
      return p && choice ? sum + walk(choice.next, [...outcomes, choice.outcome], chance * p) : sum;
    }, 0);
  };
  return walk(scenario.start, [], 1);
}

/** A course's expected score over `scenarios` for `strategy`: the mean of their expected scores. */
export function expectedCourseScore(scenarios: readonly CourseScenario[], strategy: LabelStrategy, ordering: Ordering) {
  return scoreCourse(scenarios.map((s) => expectedScenarioScore(s, strategy, ordering)));
}
