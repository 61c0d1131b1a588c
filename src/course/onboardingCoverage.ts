import type { ContentProblem } from "../lib/contentProblem.ts";
import type { CourseDefinition } from "./courseDefinition.ts";
import { onboardingPlan } from "./firstAttempt.ts";

/**
 * Onboarding plays a selection of the bank (the rest, `refresherOnly`, feeds the refreshers), and it
 * must still teach each learner every section the bank teaches for their products: a section whose
 * clauses answer questions in the whole bank but in none of the learner's onboarding is a problem.
 * `refresher` is the course with the whole bank.
 */
export function onboardingCoverage(
  onboarding: CourseDefinition,
  refresher: CourseDefinition,
  bankFolder: string,
): ContentProblem[] {
  const selections = [[], ...onboarding.productAudiences.map((audience) => [audience])];
  const problems = new Map<string, ContentProblem>();
  for (const audiences of selections) {
    const inOnboarding = sectionsTaught(onboarding, onboardingPlan(onboarding, { audiences }));
    for (const section of sectionsTaught(refresher, onboardingPlan(refresher, { audiences })))
      if (!inOnboarding.has(section) && !problems.has(section))
        problems.set(section, {
          file: bankFolder,
          location: `section ${section}`,
          message:
            `is taught in no onboarding question for a learner of ${audiences.join(" and ") || "no agent product"}, only in refresher-only scenarios. ` +
            `Take refresherOnly off a scenario whose correct choices cite a clause of section ${section}.`,
        });
  }
  return [...problems.values()];
}

/** The sections ("3", "FIN") whose clauses the correct choices of the `ids` scenarios cite. */
function sectionsTaught(course: CourseDefinition, ids: readonly string[]): Set<string> {
  return new Set(
    course.scenarios
      .filter((s) => ids.includes(s.id))
      .flatMap((s) => Object.values(s.nodes))
      .flatMap((node) => (node.type === "question" ? node.choices : []))
      .filter((choice) => choice.outcome === "correct")
      .map((choice) => choice.clause.split(".")[0] ?? choice.clause),
  );
}
