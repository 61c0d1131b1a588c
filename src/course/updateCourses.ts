import type { Policy } from "../policy/types.ts";
import { changeView } from "../releases/changeHtml.ts";
import { updateScope, updateSources } from "../releases/updateScope.ts";
import type { Release } from "../schemas/release.ts";
import type { Scenario } from "../schemas/scenario.ts";
import { buildCourseDefinition, type CourseDefinition } from "./courseDefinition.ts";

/**
 * The update courses this build publishes: one from each release the latest material release
 * supersedes (usually the previous material one) to the live version, each with what changed and
 * only the scenarios it touches. None when the live version has no release yet (the build refuses
 * that anyway) or when there is no earlier material release to update from.
 */
export function buildUpdateCourses(policy: Policy, bank: Scenario[], releases: readonly Release[]): CourseDefinition[] {
  const live = releases.find((r) => r.version === policy.version && r.hash === policy.hash);
  if (!live) return [];
  return updateSources(releases, policy.version).map((from) => {
    const scope = updateScope(from, live, releases);
    return buildCourseDefinition(policy, bank, "update", {
      from: from.version,
      fromHash: from.hash,
      to: live.version,
      changes: scope.changes.map(changeView),
      scenarioIds: scope.scenarioIds,
    });
  });
}

/** The update course for a learner whose last acknowledgement is of `from`, if this build has one. */
export function updateCourseFrom(updates: readonly CourseDefinition[], from: string): CourseDefinition | undefined {
  return updates.find((course) => course.update?.from === from);
}
