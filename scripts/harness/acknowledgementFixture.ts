import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, type AcknowledgementRecord, type NewAcknowledgement } from "../../src/records/record.ts";

// Shared by the tests and the benchmarks, which run outside vitest: no test-runner imports here.

/** A plausible acknowledgement for attempt `n`. */
export function acknowledgement(n: number, attemptId = `attempt-${n}`): NewAcknowledgement {
  return {
    learner: { id: `e-${1000 + n}`, name: `Learner ${n}`, email: `learner${n}@kestrel.example`, selfAsserted: true },
    policy: { version: "1.0.0", hash: "a".repeat(64) },
    result: {
      mode: "onboarding",
      score: 0.9,
      passed: true,
      attempt: 1,
      attemptId,
      scenarios: [{ id: "client-email-summary", score: 1, outcomes: [{ clause: "3.4", outcome: "correct" }] }],
    },
    signature: `Learner ${n}`,
    source: "site",
  };
}

/** A record as the store would have written it at `recordedAt`, chained after `prevHash`. */
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
