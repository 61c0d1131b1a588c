import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { GENESIS_HASH, type AcknowledgementRecord, type NewAcknowledgement } from "../../src/records/record.ts";
import { factsOf, RecordsIndex } from "../../src/records/recordsIndex.ts";
import { openRecordsStore, type Acknowledged, type RecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement, recordAt } from "../../scripts/harness/acknowledgementFixture.ts";

export { acknowledgement, recordAt };

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

/** A data folder whose journal already holds `count` acknowledgements. */
export async function dataDirWithRecords(count: number): Promise<string> {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= count; n++) await store.acknowledge(acknowledgement(n));
  await store.close();
  return dir;
}

/** A data folder whose journal holds acknowledgements made at the given times (for history older than today). */
export function dataDirWithJournal(entries: { recordedAt: string; fields?: Partial<NewAcknowledgement> }[]): string {
  const dir = dataDir();
  let prevHash = GENESIS_HASH;
  const lines = entries.map(({ recordedAt, fields }, i) => {
    const record = recordAt(i + 1, recordedAt, fields, prevHash);
    prevHash = record.hash;
    return `${JSON.stringify(record)}\n`;
  });
  writeFileSync(dataFiles(dir).journal, lines.join(""));
  return dir;
}

/** Every record of a store, read back from its journal. */
export async function allRecords(store: RecordsStore): Promise<AcknowledgementRecord[]> {
  const records: AcknowledgementRecord[] = [];
  for await (const batch of store.records()) records.push(...batch);
  return records;
}

/** The index the store would keep for these records (numbered as they come). */
export function indexOf(records: readonly AcknowledgementRecord[]): RecordsIndex {
  const index = new RecordsIndex();
  records.forEach((record, i) => index.add({ ...factsOf(record), seq: i + 1 }));
  return index;
}

/** The record of an acknowledgement the store took (recorded now or before); throws on a conflict. */
export function recorded(outcome: Acknowledged): { record: AcknowledgementRecord; duplicate: boolean } {
  if ("conflict" in outcome)
    throw new Error("the store answered conflict: this attempt id was used for another acknowledgement");
  return outcome;
}
