import { appendFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { dataFiles, isTornFile } from "../../src/records/dataFiles.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement, allRecords, dataDir, recorded } from "../support/records.ts";

const journalOf = (dir: string) => dataFiles(dir).journal;

describe("records store", () => {
  it("records concurrent acknowledgements exactly once each, in one valid chain", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    const results = await Promise.all(
      Array.from({ length: 300 }, async (_, n) => recorded(await store.acknowledge(acknowledgement(n)))),
    );
    expect(new Set(results.map((r) => r.record.id)).size).toBe(300);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    await store.close();
    const lines = readFileSync(journalOf(dir), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(300);
    expect(verifyChain(lines.map((line) => JSON.parse(line) as never))).toBeUndefined();
  });

  it("keeps every record across a restart and continues the chain", async () => {
    const dir = dataDir();
    const first = await openRecordsStore(dir);
    await first.acknowledge(acknowledgement(1));
    await first.close();
    const second = await openRecordsStore(dir);
    await second.acknowledge(acknowledgement(2));
    const records = await allRecords(second);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(verifyChain(records)).toBeUndefined();
    await second.close();
  });

  it("records a double submit once and returns the first record to both", async () => {
    const store = await openRecordsStore(dataDir());
    const [first, second] = await Promise.all([
      store.acknowledge(acknowledgement(1, "same")),
      store.acknowledge(acknowledgement(1, "same")),
    ]);
    const [a, b] = [recorded(first), recorded(second)];
    const c = recorded(await store.acknowledge(acknowledgement(1, "same")));
    expect([a.duplicate, b.duplicate, c.duplicate]).toEqual([false, true, true]);
    expect(b.record).toEqual(a.record);
    expect(c.record).toEqual(a.record);
    expect(store.index.count).toBe(1);
    await store.close();
  });

  it("moves a torn last line aside, reports it, and keeps the complete records", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.acknowledge(acknowledgement(1));
    await store.close();
    appendFileSync(journalOf(dir), '{"seq":2,"id":"ack-0000');
    const warnings: string[] = [];
    const reopened = await openRecordsStore(dir, (message) => warnings.push(message));
    expect(reopened.index.count).toBe(1);
    expect(warnings[0]).toMatch(/last line was incomplete .* moved to .*acknowledgements\.jsonl\.torn-/);
    const aside = readdirSync(dir).find(isTornFile) ?? "";
    expect(readFileSync(path.join(dir, aside), "utf8")).toBe('{"seq":2,"id":"ack-0000');
    await reopened.acknowledge(acknowledgement(2));
    expect(verifyChain(await allRecords(reopened))).toBeUndefined();
    await reopened.close();
  });

  it("refuses to start on a damaged line in the middle, naming the line, and leaves the file untouched", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    for (let n = 1; n <= 3; n++) await store.acknowledge(acknowledgement(n));
    await store.close();
    const lines = readFileSync(journalOf(dir), "utf8").split("\n");
    lines[1] = lines[1]?.slice(0, 40) ?? "";
    const damaged = lines.join("\n");
    writeFileSync(journalOf(dir), damaged);
    await expect(openRecordsStore(dir)).rejects.toThrow(
      /acknowledgements\.jsonl line 2 is not valid JSON .* restore it from a backup/,
    );
    expect(readFileSync(journalOf(dir), "utf8")).toBe(damaged);
  });

  it("refuses to start on a journal whose chain is broken, naming the first bad record", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    for (let n = 1; n <= 3; n++) await store.acknowledge(acknowledgement(n));
    await store.close();
    const edited = readFileSync(journalOf(dir), "utf8").replace('"score":0.9', '"score":1');
    writeFileSync(journalOf(dir), edited);
    await expect(openRecordsStore(dir)).rejects.toThrow(/line 1 \(record ack-000001\) does not match its hash/);
    expect(readFileSync(journalOf(dir), "utf8")).toBe(edited);
  });

  it("refuses a second server on the same data folder, and takes over a lock left by a dead process", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    writeFileSync(dataFiles(dir).lock, "1"); // pid 1 is always running
    await expect(openRecordsStore(dir)).rejects.toThrow(
      /Another aup-course server \(process 1\) is already using the data folder/,
    );
    writeFileSync(dataFiles(dir).lock, "999999999");
    const again = await openRecordsStore(dir);
    await again.close();
    await store.close().catch(() => undefined);
  });

  it("keeps the roster in its state file, written atomically, and refuses one that is not JSON, untouched", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.importRoster([ada]);
    await store.close();
    const state = dataFiles(dir).state;
    expect(JSON.parse(readFileSync(state, "utf8"))).toEqual({ roster: [ada] });
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    writeFileSync(state, '{"roster": [');
    await expect(openRecordsStore(dir)).rejects.toThrow(/state\.json is not valid JSON .* left untouched/);
    expect(readFileSync(state, "utf8")).toBe('{"roster": [');
  });
});

const ada = {
  id: "e-1",
  name: "Ada",
  email: "ada@kestrel.example",
  department: "Risk",
  startDate: "2026-11-02",
  manager: "Grace",
};

describe("an attempt id used again", () => {
  it("returns the first record to the same learner with the same result, also after a restart", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    const first = recorded(await store.acknowledge(acknowledgement(1, "attempt1")));
    await store.close();
    const reopened = await openRecordsStore(dir);
    expect(await reopened.acknowledge(acknowledgement(1, "attempt1"))).toEqual({
      record: first.record,
      duplicate: true,
    });
    expect(reopened.index.count).toBe(1);
    await reopened.close();
  });

  it("is a conflict, revealing nothing and writing nothing, from another learner or with another result", async () => {
    const store = await openRecordsStore(dataDir());
    const original = acknowledgement(1, "attempt1");
    await store.acknowledge(original);
    const otherLearner = { ...acknowledgement(2, "attempt1") };
    const otherResult = { ...original, result: { ...original.result, attempt: 2 } };
    const inFlight = [store.acknowledge(otherLearner), store.acknowledge(otherResult)];
    expect(await Promise.all(inFlight)).toEqual([{ conflict: true }, { conflict: true }]);
    // Also while the first is still being written.
    const [a, b] = await Promise.all([
      store.acknowledge(acknowledgement(3, "attempt3")),
      store.acknowledge(acknowledgement(4, "attempt3")),
    ]);
    expect(a).toMatchObject({ duplicate: false });
    expect(b).toEqual({ conflict: true });
    expect(store.index.count).toBe(2);
    await store.close();
  });
});
