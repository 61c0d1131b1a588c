import type { AcknowledgementRecord } from "../records/record.ts";
import type { AcknowledgementReceipt } from "./tracker.ts";

/** The receipt of a record in the organisation's journal: what the course and the receipt page show. */
export function recordReceipt(record: AcknowledgementRecord, receiptUrl?: string): AcknowledgementReceipt {
  const { learner, policy } = record;
  return {
    name: learner.name,
    email: learner.email,
    employeeId: learner.id,
    signature: record.signature,
    policyVersion: policy.version,
    policyHash: policy.hash,
    acknowledgedAt: record.recordedAt,
    score: record.result.score,
    course: `${record.result.mode}, attempt ${record.result.attempt}`,
    recordId: record.id,
    recordHash: record.hash,
    storedIn: `the organisation's acknowledgement records (identity ${learner.selfAsserted ? "typed by you" : "from single sign-on"})`,
    receiptUrl,
  };
}
