import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { NewAcknowledgement } from "../../src/records/record.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway data folder, removed after the test. */
export function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-data-"));
  dirs.push(dir);
  return dir;
}

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
