import { getCollection } from "astro:content";
import { buildCourseDefinition, type CourseDefinition } from "../course/courseDefinition.ts";
import { loadOrganisation } from "../policy/organisation.ts";
import { contentDir } from "../policy/paths.ts";
import { placeholderValues } from "../policy/placeholders.ts";
import type { Policy } from "../policy/types.ts";
import { renderScenario } from "../scenarios/loadScenarios.ts";

/** The course as a page embeds it: the scenarios collection, with the organisation's values filled in. */
export async function pageCourse(policy: Policy, mode: CourseDefinition["mode"]): Promise<CourseDefinition> {
  const values = placeholderValues(loadOrganisation(contentDir()));
  const scenarios = (await getCollection("scenarios"))
    .map((entry) => renderScenario(entry.data, values))
    .sort((a, b) => a.id.localeCompare(b.id));
  return buildCourseDefinition(policy, scenarios, mode);
}
