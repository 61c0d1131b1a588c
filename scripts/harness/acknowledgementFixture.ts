import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, type AcknowledgementRecord, type NewAcknowledgement } from "../../src/records/record.ts";
import { onboardingResult, shippedPolicy } from "./onboardingResult.ts";

// Shared by the tests and the benchmarks, which run outside vitest: no test-runner imports here.

/**
 * A realistic acknowledgement for attempt `n`: the shipped policy and a genuine, passing onboarding
 * result of the shipped course (every scenario with the outcomes of a real path), varied by `n`.
 */
export function acknowledgement(n: number, attemptId = `attempt-${n}`): NewAcknowledgement {
  return {
    learner: { id: `e-${1000 + n}`, name: `Learner ${n}`, email: `learner${n}@kestrel.example`, selfAsserted: true },
    policy: { version: shippedPolicy.version, hash: shippedPolicy.hash },
    result: { ...onboardingResult(n), attemptId },
    signature: `Learner ${n}`,
    source: "site",
  };
}

/** A record as the store would have written it at `recordedAt`, chained after `prevHash`; `fields` override. */
export function recordAt(
  seq: number,
  recordedAt: string,
  fields: Partial<NewAcknowledgement> = {},
  prevHash = GENESIS_HASH,
): AcknowledgementRecord {
  const content = {
    ...acknowledgement(seq),
    ...fields,
    seq,
    id: `ack-${String(seq).padStart(6, "0")}`,
    recordedAt,
    prevHash,
  };
  return { ...content, hash: recordHash(content) };
}
