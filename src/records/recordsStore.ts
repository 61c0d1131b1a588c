import { mkdir } from "node:fs/promises";
import { Low } from "lowdb";
import { z } from "zod";
import { EmployeeSchema, type Employee } from "../schemas/employee.ts";
import { acquireDataLock } from "./dataLock.ts";
import { dataFiles } from "./dataFiles.ts";
import { Journal } from "./journal.ts";
import type { AcknowledgementRecord, NewAcknowledgement } from "./record.ts";
import { mergeRoster, type RosterChange } from "./rosterMerge.ts";
import { stateFile, type State } from "./stateFile.ts";
import { StoreError } from "./storeError.ts";

export interface Acknowledged {
  record: AcknowledgementRecord;
  /** True when this attempt had already been recorded: the first record is returned, nothing new written. */
  duplicate: boolean;
}

/**
 * The embedded records store: acknowledgements in an append-only journal, the roster in lowdb.
 * It owns its files; nothing else reads or writes them while it is open. A server database could
 * implement the same shape for organisations that outgrow one process.
 */
export interface RecordsStore {
  readonly dir: string;
  acknowledge(entry: NewAcknowledgement): Promise<Acknowledged>;
  /** Every acknowledgement, oldest first. */
  records(): readonly AcknowledgementRecord[];
  /** The HR roster as last saved. An import replaces the list, so a list handed out never changes. */
  roster(): readonly Employee[];
  /**
   * Merges employees into the roster by id and saves it: all of them or none. Resolves once the
   * file is written; rejects with a StoreError, the roster unchanged in memory and on disk, when
   * the disk refuses. Imports run one at a time, in the order they were called.
   */
  importRoster(employees: readonly Employee[]): Promise<RosterChange>;
  close(): Promise<void>;
}

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
  const release = acquireDataLock(dir);
  try {
    const files = dataFiles(dir);
    // The state first: reading it changes nothing, while opening the journal may set a torn line
    // aside, and a start that is refused must leave every file as it was.
    const state = new Low<State>(stateFile(files.state), { roster: [] });
    await state.read();
    const journal = await Journal.open(files.journal, warn);
    return new EmbeddedStore(dir, journal, state, release);
  } catch (error) {
    release();
    throw error;
  }
}

const Employees = z.array(EmployeeSchema);

class EmbeddedStore implements RecordsStore {
  readonly dir: string;
  private readonly state: Low<State>;
  private readonly journal: Journal;
  private readonly release: () => void;
  /** attempt id → its record or the append in flight, so that a double submit records once. */
  private readonly attempts = new Map<string, Promise<AcknowledgementRecord>>();
  /** The import in progress: the next one waits for it, so that two never interleave their writes. */
  private importing: Promise<unknown> = Promise.resolve();

  constructor(dir: string, journal: Journal, state: Low<State>, release: () => void) {
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

  roster(): readonly Employee[] {
    return this.state.data.roster;
  }

  importRoster(employees: readonly Employee[]): Promise<RosterChange> {
    const run = this.importing.then(() => this.merge(employees));
    this.importing = run.catch(() => undefined);
    return run;
  }

  private async merge(employees: readonly Employee[]): Promise<RosterChange> {
    // Parsed on the way in as on the way out: the store never saves a roster it would refuse to read.
    const roster = [...this.state.data.roster];
    const change = mergeRoster(roster, Employees.parse(employees));
    // Written before memory changes: nobody is shown a roster that is not on disk, and when the
    // write fails the file and memory both still hold the old one.
    await this.state.adapter.write({ roster });
    this.state.data = { roster };
    return change;
  }

  async close(): Promise<void> {
    await this.importing;
    await this.journal.close();
    this.release();
  }
}
