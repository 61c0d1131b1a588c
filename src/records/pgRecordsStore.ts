import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import pg from "pg";
import type { Employee } from "../schemas/employee.ts";
import { ChainFollower } from "./chainFollower.ts";
import { pgBatches } from "./pgBatches.ts";
import { databaseFailure, describeDatabase } from "./pgFailure.ts";
import { migrate } from "./pgMigrations.ts";
import { changeRoster, loadRoster, ROSTER_CHANNEL } from "./pgRoster.ts";
import { Notary, type SignedCheckpoint } from "./notary.ts";
import { recordHash } from "./chain.ts";
import { recordId, type AcknowledgementRecord, type NewAcknowledgement } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";
import type { RecordsView } from "./recordsIndex.ts";
import type { Acknowledged, RecordEvidence, RecordsStore } from "./recordsStore.ts";
import { markLeaver, mergeRoster, type RosterChange, type RosterSync } from "./rosterMerge.ts";
import { sameAcknowledgement } from "./sameAcknowledgement.ts";
import { loadKeyring, type Keyring } from "./signingKeys.ts";
import { pgSendsLines } from "./pgSendsLines.ts";
import { PgSessions } from "./pgSessions.ts";
import type { SendsLines } from "./sendsLines.ts";
import { StoreError } from "./storeError.ts";
import { tableLines, type StoredLines } from "./storedLines.ts";

/** Held by the transaction that appends: every process's appends, one after another, on one chain. */
export const APPEND_LOCK = 0x61757002;
/** Rows read at a time when catching up with records other processes appended. */
const CATCH_UP_ROWS = 5_000;
/** How many of the latest lines are kept, so that receipts of new records do not read them back. */
const RECENT_LINES = 1024;
const RECORDS_CHANNEL = "aup_records";

interface Pending {
  entry: NewAcknowledgement;
  resolve: (outcome: Acknowledged) => void;
  reject: (error: Error) => void;
}

/**
 * Opens the records store kept in the PostgreSQL database at `url`, migrating its schema first.
 * Several servers may open the same database: they append to one chain, and each keeps the indexes
 * and Merkle tree of every record in memory, caught up from the table before each append and
 * whenever another server says it appended (LISTEN/NOTIFY). The data folder `dir` still holds what
 * is this server's own: its signing key and the public keys it lists.
 */
export async function openPostgresStore(
  url: string,
  dir: string,
  warn: (message: string) => void = console.warn,
): Promise<RecordsStore> {
  const where = describeDatabase(url);
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw new StoreError(
      "unreadable",
      `The data folder ${dir} (which holds the signing key) cannot be created (${error.code}). Create it or point AUP_DATA_DIR elsewhere.`,
    );
  });
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 });
  // An idle connection the database drops must not end the process: the next query opens another.
  pool.on("error", (error) =>
    warn(`${where}: an idle connection was lost (${error.message}); it is reopened when needed.`),
  );
  try {
    const client = await pool.connect().catch((error: unknown) => {
      throw new StoreError(
        "unreadable",
        `The database AUP_DATABASE_URL names (${where}) cannot be reached: ${(error as Error).message}. Check that PostgreSQL runs and that the URL's host, port, user, password and database are right, then start again.`,
      );
    });
    try {
      await migrate(client, where);
    } finally {
      client.release();
    }
    const follower = new ChainFollower(`the records table of ${where}`);
    const store = new PostgresStore({ pool, where, dir, follower, warn, keys: loadKeyring(dir) });
    await store.open();
    return store;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

class PostgresStore implements RecordsStore {
  readonly dir: string;
  readonly keys: Keyring;
  readonly sessions: PgSessions;
  private readonly pool: pg.Pool;
  private readonly where: string;
  private readonly follower: ChainFollower;
  private readonly warn: (message: string) => void;
  private readonly notary: Notary;
  /** Who this process is in its notifications, so that it ignores its own. */
  private readonly instance = randomUUID();
  private rosterNow: readonly Employee[] = [];
  private readonly recent = new Map<number, string>();
  private readonly inFlight = new Map<string, Promise<Acknowledged>>();
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  /** Catching up and appending, one at a time: the index and the tree take records in order only. */
  private serial: Promise<unknown> = Promise.resolve();
  private catchUpQueued = false;
  private importing: Promise<unknown> = Promise.resolve();
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(parts: {
    pool: pg.Pool;
    where: string;
    dir: string;
    follower: ChainFollower;
    warn: (message: string) => void;
    keys: Keyring;
  }) {
    this.pool = parts.pool;
    this.where = parts.where;
    this.dir = parts.dir;
    this.follower = parts.follower;
    this.warn = parts.warn;
    this.keys = parts.keys;
    this.sessions = new PgSessions(this.pool, this.where);
    const sink = {
      where: `the checkpoints table of ${this.where}`,
      save: ({ size, root, note }: SignedCheckpoint) =>
        this.pool
          .query("INSERT INTO checkpoints (size, root, note) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING", [
            size,
            root,
            note,
          ])
          .then(() => undefined),
    };
    this.notary = new Notary(this.keys, this.follower.tree, sink);
  }

  sendsLines(readOnly = false): Promise<SendsLines> {
    return Promise.resolve(pgSendsLines(this.pool, this.where, readOnly));
  }

  get index(): RecordsView {
    return this.follower.index;
  }

  /** Reads every record (checking the chain), the roster and the last checkpoint, then listens for other servers. */
  async open(): Promise<void> {
    // The checkpoint is read before the records: another server saves a checkpoint only after
    // committing the records it covers, so records read afterwards always reach it unless cut.
    const pinned = await this.lastCheckpoint();
    await this.catchUp();
    this.rosterNow = await loadRoster(this.pool, this.where);
    this.checkPinned(pinned);
    await this.notary.checkpoint();
    await this.listen();
  }

  private async lastCheckpoint(): Promise<{ size: number; root: Buffer } | undefined> {
    const { rows } = await this.pool.query<{ size: string; root: Buffer }>(
      "SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1",
    );
    const row = rows[0];
    return row && { size: Number(row.size), root: row.root };
  }

  /** The records must still make the tree of the last checkpoint signed: nothing signed for was changed or removed. */
  private checkPinned(pinned: { size: number; root: Buffer } | undefined): void {
    if (!pinned) return;
    const { size } = pinned;
    const tree = this.follower.tree;
    if (tree.size < size)
      throw new StoreError(
        "damaged",
        `The records table of ${this.where} holds ${tree.size} records, but a checkpoint of ${size} was signed: records ${tree.size + 1} to ${size} are missing (the table was restored from an older backup, or cut). Restore a backup that holds at least ${size} records, then start again; nothing was changed.`,
      );
    if (!tree.root(size).equals(pinned.root))
      throw new StoreError(
        "damaged",
        `The first ${size} records of ${this.where} are not the ones a signed checkpoint covers (they make another Merkle root): records among them were changed, inserted or removed, and every later hash recomputed. Restore the database from a backup, then start again; nothing was changed.`,
      );
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.pool.options.connectionString });
    client.on("notification", ({ channel, payload }) => {
      if (payload === this.instance) return;
      if (channel === RECORDS_CHANNEL) this.catchUpSoon();
      else if (channel === ROSTER_CHANNEL) void this.reloadRoster();
    });
    client.on("error", (error) => {
      this.warn(
        `${this.where}: the connection that hears of other servers' records was lost (${error.message}); reconnecting.`,
      );
      this.relisten();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RECORDS_CHANNEL}; LISTEN ${ROSTER_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Listens again once the database answers, catching up with whatever was missed meanwhile. */
  private relisten(): void {
    const old = this.listener;
    this.listener = undefined;
    void old?.end().catch(() => undefined);
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.listen()
        .then(() => {
          this.catchUpSoon();
          void this.reloadRoster();
        })
        .catch(() => this.relisten());
    }, 1_000).unref();
  }

  private catchUpSoon(): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    this.catchUp()
      .catch((error: unknown) => this.warn(`${this.where}: could not read new records (${(error as Error).message}).`))
      .finally(() => (this.catchUpQueued = false));
  }

  private async reloadRoster(): Promise<void> {
    await this.importing;
    try {
      this.rosterNow = await loadRoster(this.pool, this.where);
    } catch (error) {
      this.warn(`${this.where}: could not read the roster another server saved (${(error as Error).message}).`);
    }
  }

  /** Runs `job` after every catch-up and append before it. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.serial.then(job);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** Takes in the records other processes appended since this one last looked. */
  private catchUp(): Promise<void> {
    return this.exclusive(() => this.readNew(this.pool));
  }

  private async readNew(db: pg.Pool | pg.PoolClient): Promise<void> {
    for (;;) {
      const { rows } = await db.query<{ seq: string; line: string }>(
        "SELECT seq, line FROM records WHERE seq > $1 ORDER BY seq LIMIT $2",
        [this.follower.head.count, CATCH_UP_ROWS],
      );
      for (const { seq, line } of rows) this.take(Number(seq), line);
      if (rows.length < CATCH_UP_ROWS) return;
    }
  }

  private take(seq: number, line: string): AcknowledgementRecord {
    const record = this.follower.take(line);
    if (record.seq !== seq)
      throw new StoreError(
        "damaged",
        `The records table of ${this.where}: the row numbered ${seq} holds record ${record.seq}. Restore the database from a backup, then start again.`,
      );
    this.recent.set(seq, line);
    if (this.recent.size > RECENT_LINES) this.recent.delete(this.recent.keys().next().value as number);
    return record;
  }

  async acknowledge(entry: NewAcknowledgement): Promise<Acknowledged> {
    const key = entry.result.attemptId;
    const earlier = this.inFlight.get(key);
    if (earlier) {
      const first = await earlier.catch(() => undefined);
      if (first && "record" in first)
        return sameAcknowledgement(first.record, entry)
          ? { record: first.record, duplicate: true }
          : { conflict: true };
    }
    // Recorded before (by this server or one it has caught up with): answered without the lock.
    const seq = this.index.seqOfAttempt(key);
    const first = seq === undefined ? undefined : await this.record(seq);
    if (first) return sameAcknowledgement(first, entry) ? { record: first, duplicate: true } : { conflict: true };
    const appending = new Promise<Acknowledged>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
    this.inFlight.set(key, appending);
    try {
      return await appending;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Appends whatever is queued as one transaction (group commit), then the next batch that queued meanwhile. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      try {
        const outcomes = await this.exclusive(() => this.appendBatch(batch.map((p) => p.entry)));
        batch.forEach((pending, i) => pending.resolve(outcomes[i] as Acknowledged));
      } catch (error) {
        const failure = databaseFailure(
          error,
          `The acknowledgement could not be saved: ${this.where} refused it or did not answer`,
          "Nothing was recorded; earlier records are intact. Try again in a moment.",
        );
        for (const pending of batch) pending.reject(failure);
      }
    }
  }

  /**
   * Under the append lock, in one transaction: catch up with the chain's head, answer the attempts
   * already recorded (by any process), and insert the rest after the head. Memory learns of the new
   * records only once they are committed.
   */
  private async appendBatch(entries: readonly NewAcknowledgement[]): Promise<Acknowledged[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [APPEND_LOCK]);
      await this.readNew(client);
      const outcomes: (Acknowledged | undefined)[] = [];
      const fresh: { at: number; record: AcknowledgementRecord; line: string }[] = [];
      const recordedAt = new Date().toISOString();
      let head = this.follower.head;
      for (const [at, entry] of entries.entries()) {
        const seq = this.index.seqOfAttempt(entry.result.attemptId);
        if (seq !== undefined) {
          const first = await this.readRecord(seq, client);
          outcomes[at] =
            first && sameAcknowledgement(first, entry) ? { record: first, duplicate: true } : { conflict: true };
          continue;
        }
        const content = {
          ...entry,
          seq: head.count + 1,
          id: recordId(head.count + 1),
          recordedAt,
          prevHash: head.hash,
        };
        const record = { ...content, hash: recordHash(content) };
        fresh.push({ at, record, line: JSON.stringify(record) });
        head = { count: record.seq, hash: record.hash };
      }
      if (fresh.length) {
        await client.query(
          "INSERT INTO records (seq, attempt_id, prev_hash, hash, line) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])",
          [
            fresh.map((f) => f.record.seq),
            fresh.map((f) => f.record.result.attemptId),
            fresh.map((f) => f.record.prevHash),
            fresh.map((f) => f.record.hash),
            fresh.map((f) => f.line),
          ],
        );
        await client.query("SELECT pg_notify($1, $2)", [RECORDS_CHANNEL, this.instance]);
      }
      await client.query("COMMIT");
      for (const { at, record, line } of fresh) {
        this.take(record.seq, line);
        outcomes[at] = { record, duplicate: false };
      }
      return outcomes as Acknowledged[];
    } catch (error) {
      broken = error as Error;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed mid-transaction is dropped, not handed to the next request.
      client.release(broken);
    }
  }

  private async readRecord(seq: number, db: pg.Pool | pg.PoolClient = this.pool) {
    const line = await this.lineOf(seq, db);
    return line === undefined ? undefined : parseRecordLine(`the records table of ${this.where}`, line, seq, "");
  }

  private async lineOf(seq: number, db: pg.Pool | pg.PoolClient = this.pool): Promise<string | undefined> {
    if (!Number.isInteger(seq) || seq < 1) return undefined;
    if (seq > this.follower.head.count) await this.catchUp(); // appended by another server, perhaps
    if (seq > this.follower.head.count) return undefined;
    const recent = this.recent.get(seq);
    if (recent !== undefined) return recent;
    const { rows } = await db.query<{ line: string }>("SELECT line FROM records WHERE seq = $1", [seq]);
    return rows[0]?.line;
  }

  async record(seq: number): Promise<AcknowledgementRecord | undefined> {
    try {
      return await this.readRecord(seq);
    } catch (error) {
      throw databaseFailure(
        error,
        `Record ${seq} could not be read: ${this.where} did not answer`,
        "Try again in a moment.",
      );
    }
  }

  records(): AsyncIterable<readonly AcknowledgementRecord[]> {
    return pgBatches(this.pool, this.where, () => this.catchUp().then(() => this.follower.head.count));
  }

  lines(upTo: number): StoredLines {
    return tableLines(this.pool, upTo);
  }

  roster(): readonly Employee[] {
    return this.rosterNow;
  }

  importRoster(employees: readonly Employee[], sync?: RosterSync): Promise<RosterChange> {
    return this.changeRoster((roster) => mergeRoster(roster, employees, sync));
  }

  markLeaver(id: string, leftOn: string | undefined): Promise<Employee | undefined> {
    return this.changeRoster((roster) => markLeaver(roster, id, leftOn));
  }

  /** Runs `change` on the saved roster once this server's earlier changes are done. */
  private changeRoster<T>(change: (roster: Employee[]) => T): Promise<T> {
    const run = this.importing.then(async () => {
      const { roster, outcome } = await changeRoster(this.pool, this.where, change, this.instance);
      this.rosterNow = roster;
      return outcome;
    });
    this.importing = run.catch(() => undefined);
    return run;
  }

  async checkpoint(): Promise<SignedCheckpoint> {
    await this.catchUp();
    return this.notary.checkpoint();
  }

  async evidence(seq: number): Promise<RecordEvidence | undefined> {
    const line = await this.lineOf(seq);
    if (line === undefined) return undefined;
    const checkpoint = await this.notary.checkpoint(seq);
    return { line, checkpoint, proof: this.follower.tree.inclusionProof(seq - 1, checkpoint.size) };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.importing;
    await this.serial;
    await this.notary
      .checkpoint()
      .catch((error: unknown) =>
        this.warn(`The last checkpoint could not be saved (${(error as Error).message}); the next start signs one.`),
      );
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
