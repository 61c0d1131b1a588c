import { nameKey } from "../lib/sameName.ts";
import type { LearnerHistory, RecordSummary } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";

/**
 * What HR should know about the records behind a status, beyond the status itself:
 * - `self-asserted`: the latest record's identity was typed by the learner, not vouched for by single sign-on;
 * - `name-mismatch`: a signature is not the roster's name for the employee;
 * - `email-mismatch`: a typed identity carries the roster's id but another email (one that is no one's);
 * - `id-mismatch`: single sign-on vouched for the roster's email under another employee id.
 */
export type StatusFlag = "self-asserted" | "name-mismatch" | "email-mismatch" | "id-mismatch";

export const FLAG_TEXT: Record<StatusFlag, string> = {
  "self-asserted": "self-asserted: the learner typed who they are",
  "name-mismatch": "the typed signature is not the roster's name",
  "email-mismatch": "the typed email is not the roster's",
  "id-mismatch": "the employee id recorded is not the roster's",
};

/** The flags of one employee's records (`records` from `learners`, oldest first), in the order of StatusFlag. */
export function statusFlags(
  employee: Employee,
  learners: readonly LearnerHistory[],
  records: readonly RecordSummary[],
): StatusFlag[] {
  const flags: StatusFlag[] = [];
  if (records.at(-1)?.learner.selfAsserted) flags.push("self-asserted");
  const name = nameKey(employee.name);
  if (records.some((r) => r.nameKey !== name)) flags.push("name-mismatch");
  const email = employee.email.toLowerCase();
  if (learners.some((l) => l.selfAsserted && l.email.toLowerCase() !== email)) flags.push("email-mismatch");
  // Behind single sign-on the id is the roster's at the time, or the email when the roster did not know them.
  if (learners.some((l) => !l.selfAsserted && l.id !== employee.id && l.id.toLowerCase() !== l.email.toLowerCase()))
    flags.push("id-mismatch");
  return flags;
}
