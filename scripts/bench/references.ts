import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";

/**
 * The naive baseline: lowdb's own JSON adapter holding every record, rewriting the whole file for
 * each acknowledgement (what the design avoids). Returns acknowledgements per second.
 */
export async function naiveLowdbPerSecond(stored: number, writes = 10): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-naive-"));
  const record = (n: number) => ({
    seq: n,
    id: `ack-${n}`,
    learner: { id: `E-${n}`, name: `Learner ${n}`, email: `l${n}@kestrel.example` },
    policy: { version: "1.0.0", hash: "a".repeat(64) },
    hash: "b".repeat(64),
    prevHash: "c".repeat(64),
  });
  const db = new Low(new JSONFile<{ records: unknown[] }>(path.join(dir, "db.json")), { records: [] });
  db.data.records = Array.from({ length: stored }, (_, n) => record(n));
  await db.write();
  const started = performance.now();
  for (let i = 0; i < writes; i++) {
    db.data.records.push(record(stored + i));
    await db.write();
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return writes / seconds;
}

/** The disk's limit: appending batches of `batch` lines with one fdatasync each, no HTTP, no JSON work. */
export function diskLimitPerSecond(milliseconds = 3000, batch = 64): number {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-disk-"));
  const fd = openSync(path.join(dir, "journal.jsonl"), "a");
  const line = `${"x".repeat(900)}\n`.repeat(batch);
  let records = 0;
  const started = performance.now();
  while (performance.now() - started < milliseconds) {
    writeSync(fd, line);
    fdatasyncSync(fd);
    records += batch;
  }
  const seconds = (performance.now() - started) / 1000;
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
  return records / seconds;
}
