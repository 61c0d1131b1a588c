import { canonicalJson } from "./canonicalJson.ts";
import type { AcknowledgementRecord, NewAcknowledgement } from "./record.ts";

/** Whether a repeated attempt is the same acknowledgement: the same learner, policy, result and signature. */
export function sameAcknowledgement(first: AcknowledgementRecord, entry: NewAcknowledgement): boolean {
  const { learner, policy, result, signature, source } = first;
  return canonicalJson({ learner, policy, result, signature, source }) === canonicalJson(entry);
}
