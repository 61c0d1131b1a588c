import type pg from "pg";
import { journalLines, type ScanEnd } from "./journalLines.ts";
import { copyOutLineBytes, copyOutValues } from "./pgCopy.ts";
import { StoreError } from "./storeError.ts";
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

/**
 * The records table's first `upTo` lines (all of them when undefined), through COPY on one
 * connection: a million records are read in the memory of one chunk, at the speed of the disk.
 */
export function tableLines(pool: pg.Pool, upTo = Infinity): AsyncGenerator<string[]> {
  const limit = Number.isFinite(upTo) ? ` WHERE seq <= ${Math.floor(upTo)}` : "";
  return onOneConnection(pool, (client) => copyOutValues(client, `SELECT line FROM records${limit} ORDER BY seq`));
}

/** Every line of the records table as bytes, each with its newline: a JSONL export at the speed of COPY. */
export function tableJsonl(pool: pg.Pool, where: string): AsyncGenerator<Buffer> {
  const refuse = (row: number) =>
    new StoreError(
      "damaged",
      `The records table of ${where}: row ${row} holds a control character, which no record as stored has (its line was changed). Run npm run verify, and restore the database from a backup.`,
    );
  return onOneConnection(pool, (client) => copyOutLineBytes(client, "SELECT line FROM records ORDER BY seq", refuse));
}

/** What `read` yields on a connection of its own, handed back once done; one left half-read is closed instead. */
async function* onOneConnection<T>(
  pool: pg.Pool,
  read: (client: pg.PoolClient) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const client = await pool.connect();
  let broken: Error | undefined = new Error("The reader stopped before the end of the COPY.");
  try {
    yield* read(client);
    broken = undefined;
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
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
