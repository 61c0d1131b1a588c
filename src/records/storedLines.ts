import type pg from "pg";
import Cursor from "pg-cursor";
import { journalLines, type ScanEnd } from "./journalLines.ts";
import type { AcknowledgementRecord } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";

/**
 * The records exactly as stored, one JSON line each (the bytes a record's hash and Merkle leaf are
 * of), oldest first, in runs: what an evidence pack, a JSONL export and a move between stores copy.
 * A journal line and a records-table row of the same record are the same text.
 */
export type StoredLines = AsyncIterable<readonly string[]>;

/** The journal's first `upTo` complete lines (all of them when undefined); a torn last line is never one. */
export async function* journalFileLines(file: string, upTo = Infinity): AsyncGenerator<string[]> {
  let left = upTo;
  for await (const { lines } of journalLines(file, { end: 0 } satisfies ScanEnd)) {
    if (left <= 0) return;
    const run = lines.length > left ? lines.slice(0, left) : lines;
    left -= run.length;
    yield run;
  }
}

const ROWS = 1000;

/**
 * The records table's first `upTo` lines (all of them when undefined), through a cursor on one
 * connection: a million records are read in the memory of one run of rows.
 */
export async function* tableLines(pool: pg.Pool, upTo = Infinity): AsyncGenerator<string[]> {
  const client = await pool.connect();
  const cursor = client.query(
    new Cursor<{ line: string }>("SELECT line FROM records WHERE seq <= $1 ORDER BY seq", [
      Number.isFinite(upTo) ? upTo : Number.MAX_SAFE_INTEGER,
    ]),
  );
  let broken: Error | undefined;
  try {
    for (;;) {
      const rows = await cursor.read(ROWS);
      if (rows.length === 0) return;
      yield rows.map((row) => row.line);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await cursor.close().catch(() => undefined);
    client.release(broken);
  }
}

/** The records of `lines`, parsed and shape-checked, in the same runs; `fix` says what to do about a damaged one. */
export async function* parsedRuns(
  where: string,
  lines: StoredLines,
  fix: string,
): AsyncGenerator<AcknowledgementRecord[]> {
  let number = 0;
  for await (const run of lines) yield run.map((line) => parseRecordLine(where, line, ++number, fix));
}
