import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Employee } from "../schemas/employee.ts";
import { dataFiles } from "./dataFiles.ts";
import { openTableRecords } from "./pgStoredRecords.ts";
import { readFailure } from "./readFailure.ts";
import { fileSendsLines, type SendsLines } from "./sendsLines.ts";
import { readRoster } from "./stateFile.ts";
import { journalFileLines, type StoredLines } from "./storedLines.ts";

/**
 * A store's records and state as kept, read without opening the store: what the tools that only
 * read (export, verify, evidence, a move between stores) use beside running servers. A data
 * folder is read without its lock; a database is read, never migrated.
 */
export interface StoredRecords {
  /** Where the records are, for messages: the journal file, or the records table of a database. */
  readonly where: string;
  /** What to do about a record found damaged here. */
  readonly fix: string;
  /** Whether any record is stored yet. */
  hasRecords(): Promise<boolean>;
  /** The first `upTo` records (all when undefined) as stored lines, oldest first. */
  lines(upTo?: number): StoredLines;
  /** Every record as stored, each line with its newline: the journal's bytes, from either store. */
  jsonl(): AsyncIterable<string | Buffer>;
  roster(): Promise<readonly Employee[]>;
  /** The latest checkpoint the servers signed, as its signed note; undefined when none was. */
  checkpoint(): Promise<string | undefined>;
  /** The reminders' sends journal, read only. */
  sends(): Promise<SendsLines>;
  close(): Promise<void>;
}

/** The records AUP_DATABASE_URL names, or else those of the data folder `dir`. */
export function openStoredRecords(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<StoredRecords> {
  const url = env.AUP_DATABASE_URL?.trim();
  return url ? openTableRecords(url) : Promise.resolve(folderRecords(dir));
}

/** The records of the data folder `dir`: its journal, roster, latest checkpoint and sends journal. */
export function folderRecords(dir: string): StoredRecords {
  const files = dataFiles(dir);
  return {
    where: files.journal,
    fix: "The journal is evidence and is never repaired automatically: restore it from a backup.",
    hasRecords: () => Promise.resolve(existsSync(files.journal)),
    lines: (upTo) => (existsSync(files.journal) ? journalFileLines(files.journal, upTo) : noLines()),
    jsonl: () => linesWithNewlines(existsSync(files.journal) ? journalFileLines(files.journal) : noLines()),
    roster: () => readRoster(dir),
    async checkpoint() {
      try {
        return await readFile(files.checkpoint, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw readFailure(files.checkpoint, error);
      }
    },
    sends: () => fileSendsLines(files.sends, true),
    close: () => Promise.resolve(),
  };
}

async function* noLines(): AsyncGenerator<string[]> {}

async function* linesWithNewlines(lines: StoredLines): AsyncGenerator<string> {
  for await (const run of lines) yield run.map((line) => `${line}\n`).join("");
}
