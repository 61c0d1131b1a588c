import type { CourseDefinition } from "../course/courseDefinition.ts";
import type { RecordsStore } from "../records/recordsStore.ts";
import { ATTEMPT_USED } from "./learnerMessages.ts";

type Versions = { from: string; to: string };

/**
 * Which update a learner is taking, from the records rather than the browser: the update course that
 * starts from the text of their last acknowledgement. An update stands in for the whole course only
 * for them. A repeated attempt keeps the versions its first record holds. Returns the versions the
 * record will carry, or why the learner may not take an update: `error` in their words, `detail`
 * (the versions) for developers.
 */
export async function updateVersions(
  learnerId: string,
  attemptId: string,
  updates: readonly CourseDefinition[],
  store: Pick<RecordsStore, "index" | "record">,
): Promise<Versions | { status: number; error: string; detail: string }> {
  const seq = store.index.seqOfAttempt(attemptId);
  if (seq !== undefined) {
    const { from, to } = (await store.record(seq))?.result ?? {};
    if (from !== undefined && to !== undefined) return { from, to }; // the store answers with that first record
    return { status: 409, error: ATTEMPT_USED, detail: "the attempt id was already used for another acknowledgement" };
  }
  const records = store.index.learnersWithId(learnerId).flatMap((learner) => learner.records());
  const last = records.reduce<(typeof records)[number] | undefined>(
    (latest, record) => (!latest || record.seq > latest.seq ? record : latest),
    undefined,
  );
  const update = updates.find((course) => course.update?.fromHash === last?.policy.hash)?.update;
  const offered = updates.flatMap((course) => (course.update ? [course.update.from] : [])).join(", ") || "none";
  if (!update)
    return {
      status: 422,
      error: last
        ? `This update is for people whose last acknowledgement is of an earlier version, and yours is of version ${last.policy.version}. Take the full course at /course instead.`
        : "This update is for people who acknowledged an earlier version, and the records hold no acknowledgement by you. Take the full course at /course instead.",
      detail: last
        ? `the updates start from ${offered}, and the learner's last acknowledgement is of ${last.policy.version}`
        : `the updates start from ${offered}, and the records hold no acknowledgement by this learner`,
    };
  return { from: update.from, to: update.to };
}
