import { buildCourseDefinition, type CourseDefinition } from "../course/courseDefinition.ts";
import type { Policy } from "../policy/types.ts";
import { loadScenarios } from "../scenarios/loadScenarios.ts";

/** The course as a page embeds it: strict in production builds, preview (problems listed) in dev. */
export function pageCourse(policy: Policy, mode: CourseDefinition["mode"]): CourseDefinition {
  const { scenarios } = loadScenarios({ mode: import.meta.env.DEV ? "preview" : "strict" });
  return buildCourseDefinition(policy, scenarios, mode);
}
