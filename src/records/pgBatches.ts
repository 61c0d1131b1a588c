import type pg from "pg";
import type { AcknowledgementRecord } from "./record.ts";
import { parsedRuns, tableLines } from "./storedLines.ts";

/**
 * Every record up to the count `upTo` gives when the reading starts, oldest first, in batches read
 * through a cursor: exporting a million records holds one batch in memory, however large the
 * table. Records appended meanwhile are left for the next reader, as the journal's reader does.
 */
export async function* pgBatches(
  pool: pg.Pool,
  where: string,
  upTo: () => Promise<number>,
): AsyncGenerator<AcknowledgementRecord[]> {
  yield* parsedRuns(
    `the records table of ${where}`,
    tableLines(pool, await upTo()),
    "Run npm run verify, and restore the database from a backup.",
  );
}
