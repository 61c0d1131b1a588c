import { closeSync, openSync, writeSync } from "node:fs";
import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, type AcknowledgementRecord } from "../../src/records/record.ts";
import { acknowledgement } from "../../tests/support/acknowledgementFixture.ts";

/** Writes a journal of `count` valid, chained records without holding them in memory. */
export function seedJournal(file: string, count: number): void {
  const fd = openSync(file, "w");
  let prevHash = GENESIS_HASH;
  let chunk = "";
  for (let seq = 1; seq <= count; seq++) {
    const content: Omit<AcknowledgementRecord, "hash"> = {
      ...acknowledgement(seq, `seed${seq}`),
      seq,
      id: `ack-${String(seq).padStart(6, "0")}`,
      recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
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
