import { closeSync, openSync, writeSync } from "node:fs";
import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, type AcknowledgementRecord } from "../../src/records/record.ts";

/** Writes a journal of `count` valid, chained records without holding them in memory. */
export function seedJournal(file: string, count: number): void {
  const fd = openSync(file, "w");
  let prevHash = GENESIS_HASH;
  let chunk = "";
  for (let seq = 1; seq <= count; seq++) {
    const content: Omit<AcknowledgementRecord, "hash"> = {
      seq,
      id: `ack-${String(seq).padStart(6, "0")}`,
      learner: { id: `E-${seq}`, name: `Learner ${seq}`, email: `learner${seq}@kestrel.example`, selfAsserted: true },
      policy: { version: "1.0.0", hash: "a".repeat(64) },
      result: {
        mode: "onboarding",
        score: 0.9,
        passed: true,
        attempt: 1,
        attemptId: `seed${seq}`,
        scenarios: [{ id: "client-email-summary", score: 1, outcomes: [{ clause: "3.4", outcome: "correct" }] }],
      },
      signature: `Learner ${seq}`,
      recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
      source: "site",
      prevHash,
    };
    const record = { ...content, hash: recordHash(content) };
    prevHash = record.hash;
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}
