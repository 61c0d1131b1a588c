import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { RecordsView } from "../../src/records/recordsIndex.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement, dataDir, indexOf, allRecords } from "../support/records.ts";

/** What the index says, in plain values: what two stores must agree on. */
function indexed(index: RecordsView) {
  return {
    count: index.count,
    learners: index.learners().map((l) => ({
      id: l.id,
      email: l.email,
      selfAsserted: l.selfAsserted,
      records: l.records().map((r) => ({ ...r, learner: l.id })),
    })),
    perMonth: [...index.perMonth],
    missed: [...index.missedByClause],
    versions: index.versions(),
    attempts: Array.from({ length: index.count }, (_, i) => index.seqOfAttempt(index.summary(i + 1)?.attemptId ?? "")),
  };
}

async function storeWith(count: number) {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= count; n++) await store.acknowledge(acknowledgement(n));
  await store.close();
  return dir;
}

describe("the saved index", () => {
  it("is saved at close and gives, with the records appended after it, the index a full read gives", async () => {
    const dir = await storeWith(5);
    expect(existsSync(dataFiles(dir).index)).toBe(true);
    const warnings: string[] = [];
    const reopened = await openRecordsStore(dir, (m) => warnings.push(m));
    for (let n = 6; n <= 8; n++) await reopened.acknowledge(acknowledgement(n));
    const fromIndex = indexed(reopened.index);
    const records = await allRecords(reopened);
    await reopened.close();
    expect(warnings).toEqual([]);
    expect(fromIndex).toEqual(indexed(indexOf(records)));
    // And the same again from a start with no saved index at all.
    rmSync(dataFiles(dir).index);
    const rebuilt = await openRecordsStore(dir, (m) => warnings.push(m));
    expect(indexed(rebuilt.index)).toEqual(fromIndex);
    expect(warnings).toEqual([]); // no index yet is how every data folder starts: nothing to report
    await rebuilt.close();
  });

  it("is rebuilt from the journal, with a warning, when it is damaged or does not match", async () => {
    const dir = await storeWith(3);
    const { index } = dataFiles(dir);
    const saved = readFileSync(index, "utf8");
    for (const damage of [
      "not json\n",
      saved.slice(0, -20),
      saved.replace('"aup-course index 3"', '"other"'),
      saved.replace('"aup-course index 3"', '"aup-course index 2"'),
    ]) {
      writeFileSync(index, damage);
      const warnings: string[] = [];
      const store = await openRecordsStore(dir, (m) => warnings.push(m));
      expect(store.index.count).toBe(3);
      expect(warnings).toEqual([
        expect.stringMatching(/acknowledgements\.index cannot be used \(.+\); rebuilding it from the journal/),
      ]);
      await store.close();
    }
  });

  it("is never trusted over the journal: an edited record is caught although the index was saved before", async () => {
    const dir = await storeWith(3);
    const journal = dataFiles(dir).journal;
    writeFileSync(journal, readFileSync(journal, "utf8").replace('"Learner 2"', '"Learner X"'));
    const warnings: string[] = [];
    await expect(openRecordsStore(dir, (m) => warnings.push(m))).rejects.toThrow(
      /line 2 \(record ack-000002\) does not match its hash/,
    );
    expect(warnings).toEqual([
      expect.stringMatching(/does not match the journal .* rebuilding the index from the journal/),
    ]);
  });

  it("reads only what follows it, and a torn line after it is set aside as without an index", async () => {
    const dir = await storeWith(2);
    appendFileSync(dataFiles(dir).journal, '{"seq":3,"id":"ack-0000');
    const warnings: string[] = [];
    const store = await openRecordsStore(dir, (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/last line was incomplete/)]);
    expect(await store.acknowledge(acknowledgement(3))).toMatchObject({ duplicate: false });
    await store.close();
    const again = await openRecordsStore(dir);
    expect(again.index.count).toBe(3);
    await again.close();
  });
});

describe("a data file that cannot be read", () => {
  it("is named with the operating system's real reason", async () => {
    const dir = dataDir();
    mkdirSync(dataFiles(dir).journal);
    await expect(openRecordsStore(dir)).rejects.toThrow(
      /acknowledgements\.jsonl cannot be read: it is a folder, not a file.*\(EISDIR\)/,
    );
  });
});
