import type { NewAcknowledgement } from "../../src/records/record.ts";

// No test-runner imports here: the benchmarks use this outside vitest.

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
