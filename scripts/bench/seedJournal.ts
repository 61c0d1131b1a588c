import { closeSync, openSync, writeSync } from "node:fs";
import { GENESIS_HASH } from "../../src/records/record.ts";
import { acknowledgement, recordAt } from "../harness/acknowledgementFixture.ts";

/** Writes a journal of `count` valid, chained records without holding them in memory. */
export function seedJournal(file: string, count: number): void {
  const fd = openSync(file, "w");
  let prevHash = GENESIS_HASH;
  let chunk = "";
  for (let seq = 1; seq <= count; seq++) {
    const recordedAt = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
    const record = recordAt(seq, recordedAt, { result: acknowledgement(seq, `seed${seq}`).result }, prevHash);
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
