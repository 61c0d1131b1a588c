import type { Learner } from "../tracker.ts";

/** The learner as the LMS gives them; LMSs send names as "Last, First", shown here as people write them. */
export function lmsLearner(id: string, lmsName: string): Learner | undefined {
  const name = lmsName
    .split(",")
    .map((part) => part.trim())
    .reverse()
    .join(" ")
    .trim();
  return id ? { id, name: name || id } : undefined;
}
