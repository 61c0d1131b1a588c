import pg from "pg";
import { databaseFailure, describeDatabase } from "./pgFailure.ts";
import { SCHEMA_VERSION } from "./pgMigrations.ts";
import { APPEND_LOCK } from "./pgRecordsStore.ts";
import { loadRoster } from "./pgRoster.ts";
import { pgSendsLines } from "./pgSendsLines.ts";
import { tableJsonl, tableLines } from "./storedLines.ts";
import type { StoredRecords } from "./storedRecords.ts";
import { StoreError } from "./storeError.ts";

const UNDEFINED_TABLE = "42P01";

/**
 * The records kept in the PostgreSQL database at `url`, read as they are: the schema is checked,
 * never migrated (a tool that only reads may have read-only credentials), and one migrated by a
 * newer release is refused as the server refuses it.
 */
export async function openTableRecords(url: string): Promise<StoredRecords> {
  const where = describeDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined); // an idle connection dropped: the next query opens another
  const failure = (error: unknown, doing: string) =>
    databaseFailure(error, `${doing}: ${where} did not answer`, "Check that PostgreSQL runs, then try again.");
  try {
    const version = await pool.query<{ version: number }>("SELECT version FROM aup_schema").then(
      ({ rows }) => rows[0]?.version ?? 0,
      (error: { code?: string }) => {
        if (error.code === UNDEFINED_TABLE) return 0;
        throw new StoreError(
          "unreadable",
          `The database AUP_DATABASE_URL names (${where}) cannot be read: ${(error as Error).message}. Check that PostgreSQL runs and that the URL's host, port, user, password and database are right.`,
        );
      },
    );
    if (version === 0)
      throw new StoreError(
        "unreadable",
        `${where} holds no aup-course records: no server has used it yet. Check AUP_DATABASE_URL, or move a data folder into it with npm run migrate-store -- --to "$AUP_DATABASE_URL".`,
      );
    if (version > SCHEMA_VERSION)
      throw new StoreError(
        "unreadable",
        `${where} holds the records in schema version ${version}, newer than this release of aup-course knows (${SCHEMA_VERSION}). Use that release (or newer) to read it.`,
      );
    return {
      where: `the records table of ${where}`,
      fix: "The records are evidence and are never repaired automatically: restore the database from a backup.",
      hasRecords: () =>
        pool.query("SELECT 1 FROM records LIMIT 1").then(
          ({ rowCount }) => (rowCount ?? 0) > 0,
          (error: unknown) => Promise.reject(failure(error, "The records could not be counted")),
        ),
      lines: (upTo) => tableLines(pool, upTo),
      jsonl: () => tableJsonl(pool, where),
      roster: () => loadRoster(pool, where),
      checkpoint: () =>
        pool.query<{ note: string }>("SELECT note FROM checkpoints ORDER BY size DESC LIMIT 1").then(
          ({ rows }) => rows[0]?.note,
          (error: unknown) => Promise.reject(failure(error, "The latest checkpoint could not be read")),
        ),
      // A schema from before the sends table (version 2) has sent nothing.
      sends: () =>
        Promise.resolve(
          version >= 3
            ? pgSendsLines(pool, where, true)
            : { ...pgSendsLines(pool, where, true), readNew: () => Promise.resolve([]) },
        ),
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/**
 * Holds the servers' append lock on the database at `url` until the returned function is called: a
 * move reads a chain no server is extending. Servers' acknowledgements wait meanwhile, none is lost.
 */
export async function holdAppends(url: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined); // the lock goes with the connection
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [APPEND_LOCK]);
  return () => client.end();
}
