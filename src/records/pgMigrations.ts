import type { ClientBase } from "pg";
import { StoreError } from "./storeError.ts";

/**
 * The PostgreSQL store's schema, one migration a version, applied in order and never edited once
 * released (a database migrated by it would not match): a change is a new migration at the end.
 */
const MIGRATIONS: readonly string[] = [
  // 1: the records (each one's journal line, byte for byte, so that its hash and Merkle leaf are
  // the journal's), the state (the roster, as state.json holds it) and the signed checkpoints.
  `CREATE TABLE records (
     seq bigint PRIMARY KEY CHECK (seq > 0),
     attempt_id text NOT NULL UNIQUE,
     -- No two records may follow the same one: a second chain growing from any record is refused.
     prev_hash text NOT NULL UNIQUE,
     hash text NOT NULL UNIQUE,
     line text NOT NULL
   );
   -- The records are evidence: appended, never changed or removed, by any client.
   CREATE FUNCTION aup_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'aup-course records are append-only: % refused', TG_OP;
   END $$;
   CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON records
     FOR EACH STATEMENT EXECUTE FUNCTION aup_records_append_only();
   CREATE TABLE state (
     id smallint PRIMARY KEY CHECK (id = 1),
     data text NOT NULL
   );
   CREATE TABLE checkpoints (
     size bigint PRIMARY KEY CHECK (size >= 0),
     root bytea NOT NULL,
     note text NOT NULL
   );`,
  // 2: sign-in sessions, shared by every server on the database (the cookie's id is kept hashed).
  // Times are milliseconds since 1970.
  `CREATE TABLE sessions (
     key text PRIMARY KEY,
     kind text NOT NULL,
     data jsonb NOT NULL,
     expires_at bigint NOT NULL,
     idle_ms bigint,
     last_used bigint NOT NULL
   );
   CREATE INDEX sessions_expires_at ON sessions (expires_at);`,
  // 3: the reminders' sends journal (claims, sends and failures, one JSON line a row), shared by
  // every server's scheduler so that a reminder goes once; appended, never changed.
  `CREATE TABLE reminder_sends (
     n bigserial PRIMARY KEY,
     line text NOT NULL
   );
   CREATE TRIGGER reminder_sends_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON reminder_sends
     FOR EACH STATEMENT EXECUTE FUNCTION aup_records_append_only();`,
  // 4: records' lines (3 to 4 KB, so kept compressed out of line) compressed with lz4 from now on,
  // which reads back several times faster than the default pglz: exports and starts read every one.
  // A server built without lz4 (or older than PostgreSQL 14) keeps pglz; the lines are the same.
  `DO $$ BEGIN
     EXECUTE 'ALTER TABLE records ALTER COLUMN line SET COMPRESSION lz4';
   EXCEPTION WHEN OTHERS THEN
     NULL;
   END $$;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Held while migrating, so that servers starting together migrate once, one after the other. */
const MIGRATION_LOCK = 0x61757001;

/**
 * Brings the database's schema up to this version's, in one transaction: a database already there
 * is left as it is, one migrated by a newer release is refused (its tables may mean something this
 * version does not know), and a migration that fails changes nothing. Returns the version found.
 */
export async function migrate(client: ClientBase, where: string): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS aup_schema (version integer NOT NULL)");
    const { rows } = await client.query<{ version: number }>("SELECT version FROM aup_schema");
    const found = rows[0]?.version ?? 0;
    if (found > SCHEMA_VERSION)
      throw new StoreError(
        "unreadable",
        `${where} holds the records in schema version ${found}, newer than this release of aup-course knows (${SCHEMA_VERSION}): a newer release migrated it. Run that release (or newer), or restore the database from a backup made before the upgrade; nothing was changed.`,
      );
    for (let version = found + 1; version <= SCHEMA_VERSION; version++)
      await client.query(MIGRATIONS[version - 1] as string);
    if (rows.length === 0) await client.query("INSERT INTO aup_schema (version) VALUES ($1)", [SCHEMA_VERSION]);
    else if (found < SCHEMA_VERSION) await client.query("UPDATE aup_schema SET version = $1", [SCHEMA_VERSION]);
    await client.query("COMMIT");
    return found;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
