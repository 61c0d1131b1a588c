import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { freshDatabase } from "../support/postgres.ts";
import { acknowledgement, allRecords, dataDir, recorded } from "../support/records.ts";

const run = promisify(execFile);
const quiet = () => undefined;

describe("several servers on one PostgreSQL database", () => {
  it("appends 4 processes × 250 concurrent acknowledgements to one chain, every one kept exactly once", async () => {
    const url = await freshDatabase();
    // One store first, so that the processes share its keys and the schema is there.
    const dir = dataDir();
    await (await openPostgresStore(url, dir, quiet)).close();
    const outputs = await Promise.all(
      [0, 1, 2, 3].map((p) =>
        run(process.execPath, [
          "tests/support/pgAppender.ts",
          url,
          dir,
          String(p * 250 + 1),
          String(p * 250 + 250),
          "16",
        ]),
      ),
    );
    const answered = outputs.flatMap(({ stdout }) =>
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { attemptId: string; seq: number }),
    );
    expect(answered).toHaveLength(1000);
    expect(new Set(answered.map((a) => a.seq)).size).toBe(1000);
    const store = await openPostgresStore(url, dir, quiet);
    const records = await allRecords(store);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(verifyChain(records)).toBeUndefined();
    const bySeq = new Map(records.map((r) => [r.seq, r.result.attemptId]));
    for (const { attemptId, seq } of answered) expect(bySeq.get(seq)).toBe(attemptId);
    expect((await store.checkpoint()).size).toBe(1000);
    await store.close();
  }, 120_000);

  it("starts servers while another process appends and signs, never mistaking a newer checkpoint for a cut table", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    await (await openPostgresStore(url, dir, quiet)).close();
    const writer = run(process.execPath, ["tests/support/pgAppender.ts", url, dir, "1", "600", "16"]);
    let finished = false;
    void writer.finally(() => (finished = true)).catch(() => undefined);
    // Each start reads the records and the latest checkpoint while the writer adds both.
    let starts = 0;
    while (!finished) {
      await (await openPostgresStore(url, dir, quiet)).close();
      starts++;
    }
    await writer;
    expect(starts).toBeGreaterThan(1);
  }, 120_000);

  it("shows each server the other's records, repeats and conflicts, and receipts", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    const [a, b] = [await openPostgresStore(url, dir, quiet), await openPostgresStore(url, dir, quiet)];
    const first = recorded(await a.acknowledge(acknowledgement(1)));
    // B has not appended yet: reading the record, or repeating its attempt, catches B up first.
    expect(await b.record(1)).toEqual(first.record);
    expect(await b.acknowledge(acknowledgement(1))).toEqual({ record: first.record, duplicate: true });
    expect(await b.acknowledge(acknowledgement(2, "attempt-1"))).toEqual({ conflict: true });
    const second = recorded(await b.acknowledge(acknowledgement(2)));
    expect(second.record.prevHash).toBe(first.record.hash);
    expect((await a.evidence(2))?.checkpoint.size).toBe(2);
    // The dashboard's indexes follow the other server without a request (it announces its appends).
    await expect.poll(() => a.index.count).toBe(2);
    await b.importRoster([
      {
        id: "e-1001",
        name: "Learner 1",
        email: "learner1@kestrel.example",
        department: "Ops",
        startDate: "2026-01-01",
        manager: "",
      },
    ]);
    await expect.poll(() => a.roster().map((e) => e.id)).toEqual(["e-1001"]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses, at the database, a second record after the same predecessor", async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, dataDir(), quiet);
    const { record } = recorded(await store.acknowledge(acknowledgement(1)));
    await store.close();
    const { adminClient } = await import("../support/postgres.ts");
    const client = await adminClient(url);
    const fork: AcknowledgementRecord = { ...record, seq: 2, id: "ack-000002", hash: "f".repeat(64) };
    await expect(
      client.query("INSERT INTO records (seq, attempt_id, prev_hash, hash, line) VALUES (2, 'fork', $1, $2, $3)", [
        record.prevHash,
        fork.hash,
        JSON.stringify(fork),
      ]),
    ).rejects.toThrow(/records_prev_hash_key/);
    await expect(client.query("UPDATE records SET line = 'x'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(client.query("DELETE FROM records")).rejects.toThrow(/append-only: DELETE refused/);
    await client.end();
  });
});
