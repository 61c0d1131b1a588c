import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import type { Employee } from "../hr/employee.ts";
import { AtomicJsonFile } from "./atomicJsonFile.ts";
import { acquireDataLock } from "./dataLock.ts";
import { Journal } from "./journal.ts";
import type { AcknowledgementRecord, NewAcknowledgement } from "./record.ts";
import { StoreError } from "./storeError.ts";

/** The mutable state lowdb keeps beside the journal; the journal stays the only evidence. */
export interface MutableState {
  roster: Employee[];
}

export interface Acknowledged {
  record: AcknowledgementRecord;
  /** True when this attempt had already been recorded: the first record is returned, nothing new written. */
  duplicate: boolean;
}

/**
 * The embedded records store: acknowledgements in an append-only journal, mutable state in lowdb.
 * A server database could implement the same shape for organisations that outgrow one process.
 */
export interface RecordsStore {
  readonly dir: string;
  acknowledge(entry: NewAcknowledgement): Promise<Acknowledged>;
  records(): readonly AcknowledgementRecord[];
  readonly state: Low<MutableState>;
  close(): Promise<void>;
}

export async function openRecordsStore(
  dir: string,
  warn: (message: string) => void = console.warn,
): Promise<RecordsStore> {
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new StoreError(
      "unreadable",
      `The data folder ${dir} cannot be created (${error.code}). Create it or point AUP_DATA_DIR elsewhere.`,
    );
  });
  const release = acquireDataLock(dir);
  try {
    const journal = await Journal.open(path.join(dir, "acknowledgements.jsonl"), warn);
    const state = new Low<MutableState>(new AtomicJsonFile(path.join(dir, "state.json")), { roster: [] });
    await state.read();
    return new EmbeddedStore(dir, journal, state, release);
  } catch (error) {
    release();
    throw error;
  }
}

class EmbeddedStore implements RecordsStore {
  readonly dir: string;
  readonly state: Low<MutableState>;
  private readonly journal: Journal;
  private readonly release: () => void;
  /** attempt id → its record or the append in flight, so that a double submit records once. */
  private readonly attempts = new Map<string, Promise<AcknowledgementRecord>>();

  constructor(dir: string, journal: Journal, state: Low<MutableState>, release: () => void) {
    this.dir = dir;
    this.journal = journal;
    this.state = state;
    this.release = release;
    for (const record of journal.all()) this.attempts.set(record.result.attemptId, Promise.resolve(record));
  }

  async acknowledge(entry: NewAcknowledgement): Promise<Acknowledged> {
    const key = entry.result.attemptId;
    const earlier = this.attempts.get(key);
    if (earlier) return { record: await earlier, duplicate: true };
    const appending = this.journal.append(entry);
    this.attempts.set(key, appending);
    try {
      return { record: await appending, duplicate: false };
    } catch (error) {
      this.attempts.delete(key); // nothing was written: a retry must be able to record it
      throw error;
    }
  }

  records(): readonly AcknowledgementRecord[] {
    return this.journal.all();
  }

  async close(): Promise<void> {
    await this.journal.close();
    this.release();
  }
}
