import type { Policy } from "../policy/types.ts";
import { durationKey } from "./durationKey.ts";
import { onboardingPlan } from "./firstAttempt.ts";
import type { CourseDefinition } from "./courseDefinition.ts";
import { keyRulesOf } from "./keyRules.ts";
import { formatMinutes, keyRulesMinutes, scenarioMinutes, totalMinutes, type MinutesRange } from "./timeEstimate.ts";

/**
 * How long the course takes, as its intro says it ("about 40 to 55 minutes"), for each choice of
 * products the learner can tick, keyed by `durationKey`: worked out at build time from the words and
 * the questions, so that the browser only looks the sentence up.
 */
export function courseDuration(
  course: Omit<CourseDefinition, "duration" | "intro">,
  sections: Policy["sections"],
): Record<string, string> {
  const minutes = new Map(course.scenarios.map((s) => [s.id, scenarioMinutes(s)]));
  if (course.mode === "refresher")
    return { "": formatMinutes(refresherMinutes([...minutes.values()], course.refresherSize)) };
  // The policy step asks the learner to read its key rules; the full text is there for whoever opens it.
  const policy = keyRulesMinutes(keyRulesOf(sections));
  return Object.fromEntries(
    subsets(course.productAudiences).map((audiences) => {
      const plan = onboardingPlan({ ...course, duration: {}, intro: "" }, { audiences });
      const range = totalMinutes(
        plan.flatMap((id) => minutes.get(id) ?? []),
        policy,
      );
      return [durationKey(course.productAudiences, audiences), formatMinutes(range)];
    }),
  );
}

/** A refresher plays `size` scenarios drawn from the bank: the bank's mean scenario, that many times. */
function refresherMinutes(ranges: readonly MinutesRange[], size: number): MinutesRange {
  const count = Math.min(size, ranges.length);
  const mean = (pick: (r: MinutesRange) => number) =>
    ranges.reduce((sum, r) => sum + pick(r), 0) / (ranges.length || 1);
  return { low: mean((r) => r.low) * count, high: mean((r) => r.high) * count };
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}
