import type { CourseDefinition } from "../course/courseDefinition.ts";
import type { RecordsView } from "../records/recordsIndex.ts";

/**
 * Why this learner may not take the update course they sent, or undefined when they may: an update
 * stands in for the whole course only for someone whose last acknowledgement is of the version it
 * starts from. The records decide, not the browser.
 */
export function updateRefusal(
  learnerId: string,
  result: { mode: string; from?: string; attemptId: string },
  updates: readonly CourseDefinition[],
  index: Pick<RecordsView, "learnersWithId" | "seqOfAttempt">,
): string | undefined {
  if (result.mode !== "update") return undefined;
  // Sent again after it was recorded: the store answers with the first record (or the conflict).
  if (index.seqOfAttempt(result.attemptId) !== undefined) return undefined;
  const update = updates.find((course) => course.update?.from === result.from)?.update;
  if (!update) return undefined; // resultProblems has refused it already
  const records = index.learnersWithId(learnerId).flatMap((learner) => learner.records());
  const last = records.reduce<(typeof records)[number] | undefined>(
    (latest, record) => (!latest || record.seq > latest.seq ? record : latest),
    undefined,
  );
  if (last?.policy.hash === update.fromHash) return undefined;
  return last
    ? `The update from ${update.from} is for learners whose last acknowledgement is of version ${update.from}, and this learner's last is of version ${last.policy.version}. Take the full course (/course) instead.`
    : `The update from ${update.from} is for learners who acknowledged version ${update.from}, and the records hold no acknowledgement by this learner. Take the full course (/course) instead.`;
}
