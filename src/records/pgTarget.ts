import pg from "pg";
import { checkpointOfNote } from "../evidence/checkpoint.ts";
import type { MoveTarget, MovedParts } from "./moveTargets.ts";
import { databaseFailure, describeDatabase } from "./pgFailure.ts";
import { copyInRows } from "./pgCopy.ts";
import { migrate } from "./pgMigrations.ts";
import { APPEND_LOCK } from "./pgRecordsStore.ts";
import { loadRoster } from "./pgRoster.ts";
import { openTableRecords } from "./pgStoredRecords.ts";
import { parseRecordLine } from "./recordLine.ts";
import type { State } from "./stateFile.ts";
import { StoreError } from "./storeError.ts";

/**
 * The PostgreSQL database at `url` as a move fills it: migrated to this release's schema, then
 * written in one transaction holding the servers' append lock, so that a failure leaves it empty
 * and no server appends meanwhile.
 */
export async function pgTarget(url: string): Promise<MoveTarget> {
  const where = describeDatabase(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect().catch((error: unknown) => {
    throw new StoreError(
      "unreadable",
      `The database --to names (${where}) cannot be reached: ${(error as Error).message}. Check that PostgreSQL runs and that the URL's host, port, user, password and database are right.`,
    );
  });
  client.on("error", () => undefined); // reported by the query that meets it
  // A database migrated by a newer release is refused here, and the connection closed with it.
  await migrate(client, where).catch(async (error: unknown) => {
    await client.end().catch(() => undefined);
    throw error;
  });
  const held = async () => {
    const { rows } = await client.query<{ records: string; sends: string; signed: string }>(
      `SELECT (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM reminder_sends) AS sends,
              (SELECT count(*) FROM checkpoints WHERE size > 0) AS signed`,
    );
    const counts = rows[0] as { records: string; sends: string; signed: string };
    const employees = (await loadRoster(client, where)).length;
    return [
      counts.records !== "0" && `${counts.records} records`,
      employees > 0 && `a roster of ${employees}`,
      counts.sends !== "0" && `${counts.sends} reminder sends`,
      counts.signed !== "0" && "signed checkpoints",
    ].filter(Boolean);
  };
  const checkEmpty = async () => {
    const found = await held();
    if (found.length)
      throw new StoreError(
        "locked",
        `${where} already holds ${found.join(", ")}: a move fills an empty database only, so that nothing in it is mixed with or lost to the records moved. Name a new database (createdb), or drop and create this one if what it holds is not needed.`,
      );
  };
  return {
    where,
    checkEmpty,
    async write(parts: MovedParts) {
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1)", [APPEND_LOCK]);
        await checkEmpty(); // again, under the lock: no server appended since
        let seq = 0;
        async function* rows() {
          for await (const run of parts.lines)
            yield run.map((line) => {
              const record = parseRecordLine(where, line, ++seq, "");
              return [record.seq, record.result.attemptId, record.prevHash, record.hash, line];
            });
        }
        await copyInRows(client, "records", ["seq", "attempt_id", "prev_hash", "hash", "line"], rows());
        await client.query(
          "INSERT INTO state (id, data) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET data = excluded.data",
          [JSON.stringify({ roster: [...parts.roster] } satisfies State)],
        );
        if (parts.checkpoint !== undefined) {
          const { size, root } = checkpointOfNote(parts.checkpoint);
          await client.query(
            "INSERT INTO checkpoints (size, root, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING",
            [size, Buffer.from(root), parts.checkpoint],
          );
        }
        await copyInRows(client, "reminder_sends", ["line"], [parts.sends.map((line) => [line])]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw databaseFailure(error, `The records could not be written to ${where}`, "Nothing was kept there.");
      }
    },
    readBack: () => openTableRecords(url),
    close: () => client.end(),
  };
}
