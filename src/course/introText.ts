import { countOf } from "../lib/plural.ts";
import type { CourseDefinition } from "./courseDefinition.ts";

/**
 * The intro's opening paragraph, written at build time: the course page carries it as data rather
 * than as code, which keeps the first load within its budget, and its counts take their plurals here.
 * The onboarding paragraph leaves the time out, since it changes with the products the learner ticks.
 */
export function introText(course: Omit<CourseDefinition, "intro">): string {
  if (course.update) {
    const { from, to, changes } = course.update;
    const played = course.scenarios.length;
    return (
      `${course.organisationName}'s policy changed from version ${from}, which you acknowledged, to ${to}: read the ${countOf(changes.length, "change")}` +
      (played ? `, then decide what to do in up to ${countOf(played, "situation")} that test them` : "") +
      `, and acknowledge version ${to}.`
    );
  }
  if (course.mode === "refresher")
    return `${countOf(course.refresherSize, "short situation")}, picked for you this quarter: allow ${course.duration[""] ?? "a few minutes"}.`;
  return (
    `Read ${course.organisationName}'s Acceptable Use Policy for Claude (version ${course.policy.version}), then decide what to do in realistic situations. ` +
    // The scenarios span many jobs: saying so up front frames each one as role-play, not as the learner's own job.
    `Each one casts you in the role it describes, which may not be yours. ` +
    `You need ${course.passMark}% to pass; you can retry what you missed. Then you acknowledge the policy.`
  );
}
