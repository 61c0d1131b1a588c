import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { NewAcknowledgement } from "../../src/records/record.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";

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

/** A data folder whose journal already holds `count` acknowledgements. */
export async function dataDirWithRecords(count: number): Promise<string> {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= count; n++) await store.acknowledge(acknowledgement(n));
  await store.close();
  return dir;
}
