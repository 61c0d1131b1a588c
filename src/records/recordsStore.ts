import type { Hash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { Low } from "lowdb";
import { z } from "zod";
import { EmployeeSchema, type Employee } from "../schemas/employee.ts";
import { readPin, writeCheckpointFile } from "./checkpointFile.ts";
import { MerkleTree } from "../evidence/merkleTree.ts";
import { Notary, type SignedCheckpoint } from "./notary.ts";
import { loadKeyring, type Keyring } from "./signingKeys.ts";
import { acquireDataLock } from "./dataLock.ts";
import { tightenDataFolder } from "./dataFolderModes.ts";
import { dataFiles } from "./dataFiles.ts";
import { readIndex, saveIndex } from "./indexFile.ts";
import { digestOf, Journal, type JournalMark, type JournalPrefix, type Pin } from "./journal.ts";
import type { AcknowledgementRecord, NewAcknowledgement } from "./record.ts";
import { factsOf, RecordsIndex, type RecordsView } from "./recordsIndex.ts";
import { markLeaver, mergeRoster, type RosterChange, type RosterSync } from "./rosterMerge.ts";
import { sameAcknowledgement } from "./sameAcknowledgement.ts";
import { stateFile, type State } from "./stateFile.ts";
import { fileSendsLines, type SendsLines } from "./sendsLines.ts";
import { MemorySessions, type SessionStore } from "./sessionStore.ts";
import { StoreError } from "./storeError.ts";
import { journalFileLines, type StoredLines } from "./storedLines.ts";

/**
 * What became of an acknowledgement: recorded now; the same attempt, from the same learner with
 * the same result, recorded before (the first record, nothing new written); or an attempt id
 * already used for another learner or result (nothing written, nothing of the first revealed).
 */
export type Acknowledged = { record: AcknowledgementRecord; duplicate: boolean } | { conflict: true };

/**
 * The records store: acknowledgements in an append-only journal, the roster in lowdb, and the
 * indexes derived from the journal. It owns its files; nothing else writes them while it is open.
 * It keeps indexes, not records, in memory: a record is read back from disk when it is needed.
 */
export interface RecordsStore {
  readonly dir: string;
  acknowledge(entry: NewAcknowledgement): Promise<Acknowledged>;
  /** The indexes: counts, per-learner summaries, the charts' running totals. */
  readonly index: RecordsView;
  /** Record `seq` as stored; undefined when there is none. */
  record(seq: number): Promise<AcknowledgementRecord | undefined>;
  /** Every record durable when called, oldest first, read from disk in batches. */
  records(): AsyncIterable<readonly AcknowledgementRecord[]>;
  /** The first `upTo` records exactly as stored, one JSON line each: what evidence packs copy. */
  lines(upTo: number): StoredLines;
  /** The HR roster as last saved. An import replaces the list, so a list handed out never changes. */
  roster(): readonly Employee[];
  /**
   * Merges employees into the roster by id and saves it: all of them or none. Resolves once the
   * file is written; rejects with a StoreError, the roster unchanged in memory and on disk, when
   * the disk refuses. Imports run one at a time, in the order they were called.
   */
  importRoster(employees: readonly Employee[], sync?: RosterSync): Promise<RosterChange>;
  /**
   * Marks one employee as left on `leftOn` (YYYY-MM-DD), or as not left (undefined), and saves the
   * roster as an import does; resolves with the employee, or undefined when no one has `id`.
   */
  markLeaver(id: string, leftOn: string | undefined): Promise<Employee | undefined>;
  /** The keys that sign checkpoints and receipts, and the public keys that check them. */
  readonly keys: Keyring;
  /** The latest signed checkpoint, covering every record durable when called. */
  checkpoint(): Promise<SignedCheckpoint>;
  /**
   * What proves record `seq` to someone who trusts only the public keys: its line as stored, a
   * checkpoint covering it and the inclusion proof of its line in that checkpoint's tree.
   */
  evidence(seq: number): Promise<RecordEvidence | undefined>;
  /** Sign-in sessions, seen alike by every server on these records. */
  readonly sessions: SessionStore;
  /** The reminders' sends journal beside these records; `readOnly` (a dry run) writes nothing. */
  sendsLines(readOnly?: boolean): Promise<SendsLines>;
  /** Waits for writes in flight, saves the index and releases the data folder. */
  close(): Promise<void>;
}

export interface RecordEvidence {
  line: string;
  checkpoint: SignedCheckpoint;
  proof: Buffer[];
}

/** The index is saved again after this many new records (and at close), so that a start reads at most these. */
export const SAVE_INDEX_EVERY = 50_000;

export async function openRecordsStore(
  dir: string,
  warn: (message: string) => void = console.warn,
): Promise<RecordsStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw new StoreError(
      "unreadable",
      `The data folder ${dir} cannot be created (${error.code}). Create it or point AUP_DATA_DIR elsewhere.`,
    );
  });
  const release = acquireDataLock(dir, warn);
  try {
    const files = dataFiles(dir);
    // The state first: reading it changes nothing, while opening the journal may set a torn line
    // aside, and a start that is refused must leave every file as it was.
    const state = new Low<State>(stateFile(files.state), { roster: [] });
    await state.read();
    const pinned = await readPin(files.checkpoint);
    const { index, journal, indexed } = await openIndexed(files.journal, files.index, warn, pinned);
    // Only a store that opened makes its folder owner-only and gets keys: a refused start leaves every file as it was.
    tightenDataFolder(dir, warn);
    const keys = loadKeyring(dir);
    const sink = {
      where: files.checkpoint,
      save: ({ note }: SignedCheckpoint) => writeCheckpointFile(files.checkpoint, note),
    };
    const notary = new Notary(keys, journal.tree, sink, pinned?.size);
    const store = new EmbeddedStore({
      dir,
      indexFile: files.index,
      journal,
      index,
      state,
      release,
      warn,
      indexed,
      keys,
      notary,
    });
    if (pinned && journal.count > pinned.size)
      warn(
        `${files.journal}: records ${pinned.size + 1} to ${journal.count} were in no checkpoint yet: the server stopped between storing them and signing one, or they were appended while it was stopped. They are signed now; if the server did not stop abruptly, find out who added them (npm run verify -- --checkpoint FILE before the next start keeps them apart).`,
      );
    await notary.checkpoint();
    if (journal.count - indexed >= SAVE_INDEX_EVERY || (indexed === 0 && journal.count > 0)) store.saveIndexSoon(); // the next start then reads only what is new
    return store;
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Opens the journal with its index: from the saved index when it matches the journal's first
 * bytes (then only the records after it are read and checked), otherwise from every record.
 */
async function openIndexed(
  journalFile: string,
  indexFile: string,
  warn: (message: string) => void,
  pinned: Pin | undefined,
) {
  let index = new RecordsIndex();
  let tree = new MerkleTree();
  let digest: Hash | undefined;
  // The journal's first bytes are hashed before any row is read: rows of a stale index are never kept.
  const matches = async (mark: JournalMark) => {
    digest = await digestOf(journalFile, mark.bytes).catch(() => undefined);
    return digest?.copy().digest("hex") === mark.sha256;
  };
  const saved = await readIndex(indexFile, matches, (facts, leaf) => {
    index.add(facts);
    tree.append(leaf);
  });
  let prefix: JournalPrefix | undefined;
  if (saved && "stale" in saved)
    warn(
      `${indexFile} does not match the journal (its first ${saved.stale.bytes} bytes changed since the index was saved: restored from a backup, or edited); rebuilding the index from the journal, which is checked record by record.`,
    );
  else if (saved && "problem" in saved)
    warn(`${indexFile} cannot be used (${saved.problem}); rebuilding it from the journal.`);
  else if (saved && !tree.root().equals(saved.merkleRoot))
    warn(
      `${indexFile} cannot be used (its leaf hashes do not make the Merkle root it names); rebuilding it from the journal.`,
    );
  else if (saved && digest)
    prefix = { head: saved.mark.head, bytes: saved.mark.bytes, offsets: saved.offsets, digest, tree };
  if (!prefix) [index, tree] = [new RecordsIndex(), new MerkleTree()]; // whatever a refused index added is dropped
  const open = (from?: JournalPrefix) =>
    Journal.open(journalFile, warn, (record) => index.add(factsOf(record)), { prefix: from, pinned });
  try {
    return { index, journal: await open(prefix), indexed: prefix?.head.count ?? 0 };
  } catch (error) {
    if (!prefix) throw error;
    // The index matched the bytes but not what follows them (a header edited by hand): start over.
    warn(
      `${indexFile} does not fit the records after it (${(error as Error).message}); rebuilding it from the journal.`,
    );
    index = new RecordsIndex();
    return { index, journal: await open(), indexed: 0 };
  }
}

const Employees = z.array(EmployeeSchema);

class EmbeddedStore implements RecordsStore {
  readonly dir: string;
  private readonly indexFile: string;
  private readonly state: Low<State>;
  private readonly journal: Journal;
  readonly index: RecordsIndex;
  private readonly release: () => void;
  private readonly warn: (message: string) => void;
  /** Attempts being appended, so that a double submit in flight records once. */
  private readonly inFlight = new Map<string, Promise<AcknowledgementRecord>>();
  /** The import in progress: the next one waits for it, so that two never interleave their writes. */
  private importing: Promise<unknown> = Promise.resolve();
  private saving: Promise<void> | undefined;
  private savedAt: number;
  readonly keys: Keyring;
  readonly sessions = new MemorySessions();
  private readonly notary: Notary;

  constructor(parts: {
    dir: string;
    indexFile: string;
    journal: Journal;
    index: RecordsIndex;
    state: Low<State>;
    release: () => void;
    warn: (message: string) => void;
    /** How many records the saved index holds. */
    indexed: number;
    keys: Keyring;
    notary: Notary;
  }) {
    this.dir = parts.dir;
    this.indexFile = parts.indexFile;
    this.journal = parts.journal;
    this.index = parts.index;
    this.state = parts.state;
    this.release = parts.release;
    this.warn = parts.warn;
    this.savedAt = parts.indexed;
    this.keys = parts.keys;
    this.notary = parts.notary;
  }

  checkpoint(): Promise<SignedCheckpoint> {
    return this.notary.checkpoint();
  }

  sendsLines(readOnly = false): Promise<SendsLines> {
    return fileSendsLines(dataFiles(this.dir).sends, readOnly);
  }

  async evidence(seq: number): Promise<RecordEvidence | undefined> {
    const line = await this.journal.line(seq);
    if (line === undefined) return undefined;
    const checkpoint = await this.notary.checkpoint(seq);
    return { line, checkpoint, proof: this.journal.tree.inclusionProof(seq - 1, checkpoint.size) };
  }

  async acknowledge(entry: NewAcknowledgement): Promise<Acknowledged> {
    const key = entry.result.attemptId;
    const seq = this.index.seqOfAttempt(key);
    const earlier = this.inFlight.get(key) ?? (seq === undefined ? undefined : this.journal.read(seq));
    if (earlier) {
      const first = await earlier;
      if (first && sameAcknowledgement(first, entry)) return { record: first, duplicate: true };
      if (first) return { conflict: true };
    }
    const appending = this.journal.append(entry);
    this.inFlight.set(key, appending);
    try {
      const record = await appending;
      if (this.journal.count - this.savedAt >= SAVE_INDEX_EVERY) this.saveIndexSoon();
      return { record, duplicate: false };
    } finally {
      this.inFlight.delete(key); // recorded (the index has it) or not written (a retry may record it)
    }
  }

  record(seq: number): Promise<AcknowledgementRecord | undefined> {
    return this.journal.read(seq);
  }

  records(): AsyncIterable<readonly AcknowledgementRecord[]> {
    return this.journal.batches();
  }

  lines(upTo: number): StoredLines {
    return journalFileLines(this.journal.file, Math.min(upTo, this.journal.count));
  }

  roster(): readonly Employee[] {
    return this.state.data.roster;
  }

  importRoster(employees: readonly Employee[], sync?: RosterSync): Promise<RosterChange> {
    return this.changeRoster((roster) => mergeRoster(roster, employees, sync));
  }

  markLeaver(id: string, leftOn: string | undefined): Promise<Employee | undefined> {
    return this.changeRoster((roster) => markLeaver(roster, id, leftOn));
  }

  /** Runs `change` on a copy of the roster once earlier changes are done, and saves it. */
  private changeRoster<T>(change: (roster: Employee[]) => T): Promise<T> {
    const run = this.importing.then(() => this.save(change));
    this.importing = run.catch(() => undefined);
    return run;
  }

  /** Saves the index in the background, once at a time; a failure is logged, never fatal (the journal is the evidence). */
  saveIndexSoon(): void {
    this.saving ??= this.saveIndex()
      .catch((error: unknown) =>
        this.warn(
          `${this.indexFile} could not be saved (${(error as Error).message}); the next start reads the whole journal.`,
        ),
      )
      .finally(() => (this.saving = undefined));
  }

  private async saveIndex(): Promise<void> {
    const mark = this.journal.mark();
    const count = mark.head.count;
    await saveIndex(
      this.indexFile,
      mark,
      this.journal.offsetsUpTo(count),
      () => this.index.facts(count),
      this.journal.tree,
    );
    this.savedAt = count;
  }

  private async save<T>(change: (roster: Employee[]) => T): Promise<T> {
    const roster = [...this.state.data.roster];
    const result = change(roster);
    // Parsed on the way out as on the way in: the store never saves a roster it would refuse to read.
    Employees.parse(roster);
    // Written before memory changes: nobody is shown a roster that is not on disk, and when the
    // write fails the file and memory both still hold the old one.
    await this.state.adapter.write({ roster });
    this.state.data = { roster };
    return result;
  }

  async close(): Promise<void> {
    await this.importing;
    await this.journal.close();
    await this.notary
      .checkpoint()
      .catch((error: unknown) =>
        this.warn(`The last checkpoint could not be saved (${(error as Error).message}); the next start signs one.`),
      );
    await this.saving;
    if (this.savedAt !== this.journal.count)
      await this.saveIndex().catch((error: unknown) =>
        this.warn(
          `${this.indexFile} could not be saved (${(error as Error).message}); the next start reads the whole journal.`,
        ),
      );
    this.release();
  }
}
