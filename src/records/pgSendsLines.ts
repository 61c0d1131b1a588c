import type pg from "pg";
import { databaseFailure } from "./pgFailure.ts";
import type { SendsLines } from "./sendsLines.ts";

/** Held by the transaction that appends a line, so that lines commit in the order of their numbers. */
const SENDS_LOCK = 0x61757003;

/**
 * The PostgreSQL store's sends lines: the `reminder_sends` table, one row a line, numbered as they
 * commit. Appends take a lock so that no reader can see line n+1 before line n has committed (a
 * reader that did would skip line n for good). Every server's scheduler and `npm run reminders`
 * read the same lines in the same order, so a reminder goes once whichever server sends it.
 */
export function pgSendsLines(pool: pg.Pool, where: string, readOnly = false): SendsLines {
  let last = 0;
  const failure = (error: unknown, doing: string) =>
    databaseFailure(error, `${doing}: ${where} did not answer`, "The next reminder pass tries again.");
  return {
    where: `the reminder_sends table of ${where}`,
    async append(line) {
      if (readOnly) throw new Error(`${where} was opened read-only: a dry run records nothing.`);
      const client = await pool.connect().catch((error: unknown) => {
        throw failure(error, "A reminder's send could not be recorded");
      });
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1)", [SENDS_LOCK]);
        await client.query("INSERT INTO reminder_sends (line) VALUES ($1)", [line]);
        await client.query("COMMIT");
      } catch (error) {
        broken = error as Error;
        await client.query("ROLLBACK").catch(() => undefined);
        throw failure(error, "A reminder's send could not be recorded");
      } finally {
        client.release(broken);
      }
    },
    async readNew() {
      try {
        const { rows } = await pool.query<{ n: string; line: string }>(
          "SELECT n, line FROM reminder_sends WHERE n > $1 ORDER BY n",
          [last],
        );
        const end = rows.at(-1);
        if (end) last = Number(end.n);
        return rows.map((row) => row.line);
      } catch (error) {
        throw failure(error, "The reminders' sends could not be read");
      }
    },
    close: () => Promise.resolve(),
  };
}
