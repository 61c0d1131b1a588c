import type pg from "pg";
import Cursor from "pg-cursor";
import type { AcknowledgementRecord } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";

const BATCH = 1000;

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
  const count = await upTo();
  const client = await pool.connect();
  const cursor = client.query(
    new Cursor<{ seq: string; line: string }>("SELECT seq, line FROM records WHERE seq <= $1 ORDER BY seq", [count]),
  );
  let broken: Error | undefined;
  try {
    for (;;) {
      const rows = await cursor.read(BATCH);
      if (rows.length === 0) return;
      yield rows.map(({ seq, line }) =>
        parseRecordLine(
          `the records table of ${where}`,
          line,
          Number(seq),
          "Run npm run verify, and restore the database from a backup.",
        ),
      );
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    await cursor.close().catch(() => undefined);
    client.release(broken);
  }
}
