import { open, readFile, truncate, writeFile, type FileHandle } from "node:fs/promises";
import { recordHash, verifyChain, type ChainProblem } from "./chain.ts";
import { tornFile } from "./dataFiles.ts";
import { GENESIS_HASH, type AcknowledgementRecord, type NewAcknowledgement } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";
import { StoreError } from "./storeError.ts";

interface Pending {
  entry: NewAcknowledgement;
  resolve: (record: AcknowledgementRecord) => void;
  reject: (error: Error) => void;
}

/**
 * The append-only journal of acknowledgements (JSON Lines). Records are never rewritten: each one
 * is appended with the hash of the one before it. Concurrent appends are coalesced into one write
 * and one fdatasync (group commit), and an append resolves only once its record is on disk, so the
 * cost of recording does not grow with the history.
 */
export class Journal {
  readonly file: string;
  private readonly handle: FileHandle;
  private readonly records: AcknowledgementRecord[];
  private size: number;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  private constructor(file: string, handle: FileHandle, records: AcknowledgementRecord[], size: number) {
    this.file = file;
    this.handle = handle;
    this.records = records;
    this.size = size;
  }

  /**
   * Reads and verifies the journal. A torn last line (a crash mid-append, never acknowledged) is
   * moved to a side file and reported through `warn`; anything else that does not parse or does
   * not chain stops the start, naming the line, and the file is left exactly as it was.
   */
  static async open(file: string, warn: (message: string) => void): Promise<Journal> {
    let text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "";
      throw new StoreError(
        "unreadable",
        `${file} cannot be read (${error.code ?? error.message}). Check its permissions, then start again.`,
      );
    });
    const { records, tornTail } = parseJournal(file, text);
    // Check everything before changing anything: a journal that fails is left exactly as it was.
    const problem = verifyChain(records);
    if (problem) throw new StoreError("unreadable", chainMessage(file, problem));
    if (tornTail !== undefined) {
      // No newline at the end: the last append was cut short, so no client was ever told it was stored.
      const aside = tornFile(file);
      await writeFile(aside, tornTail, { flag: "wx" });
      text = text.slice(0, text.length - tornTail.length);
      await truncate(file, Buffer.byteLength(text));
      warn(
        `${file}: the last line was incomplete (a crash while writing, never confirmed to anyone). It was moved to ${aside}; the ${records.length} complete records are kept.`,
      );
    }
    const handle = await open(file, "a");
    return new Journal(file, handle, records, Buffer.byteLength(text));
  }

  /** Every record, oldest first. */
  all(): readonly AcknowledgementRecord[] {
    return this.records;
  }

  /** Appends a record; resolves once it is durable, rejects with a StoreError if the disk refuses. */
  append(entry: NewAcknowledgement): Promise<AcknowledgementRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }

  /** Writes whatever is queued as one batch, then the next batch that queued meanwhile. */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      const recordedAt = new Date().toISOString();
      let prevHash = this.records.at(-1)?.hash ?? GENESIS_HASH;
      const records = batch.map(({ entry }, i) => {
        const seq = this.records.length + i + 1;
        const content = { ...entry, seq, id: `ack-${String(seq).padStart(6, "0")}`, recordedAt, prevHash };
        const record = { ...content, hash: recordHash(content) };
        prevHash = record.hash;
        return record;
      });
      const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
      try {
        await writeAll(this.handle, Buffer.from(text));
        await this.handle.datasync();
      } catch (error) {
        // Take back a partly written batch so that the file ends with the last durable record.
        await this.handle.truncate(this.size).catch(() => undefined);
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        const failure = new StoreError(
          "write-failed",
          `The acknowledgement could not be saved (${code}${code === "ENOSPC" ? ": the disk is full" : ""}). Nothing was recorded; earlier records are intact. Try again once the server's disk is writable.`,
        );
        for (const pending of batch) pending.reject(failure);
        continue;
      }
      this.size += Buffer.byteLength(text);
      this.records.push(...records);
      batch.forEach((pending, i) => pending.resolve(records[i] as AcknowledgementRecord));
    }
  }
}

/** A write may stop short (a nearly full disk) without an error: keep writing until all is written. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset);
    if (bytesWritten === 0) throw Object.assign(new Error("no bytes written"), { code: "ENOSPC" });
    offset += bytesWritten;
  }
}

/** The complete records of a journal's text, and a torn last line (no newline yet) if there is one. */
export function parseJournal(file: string, text: string): { records: AcknowledgementRecord[]; tornTail?: string } {
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  return {
    records: lines.map((line, i) => parseRecordLine(file, line, i + 1, NEVER_REPAIRED)),
    tornTail: last === "" ? undefined : last,
  };
}

const NEVER_REPAIRED =
  "The journal is evidence and is never repaired automatically: restore it from a backup, or move it aside to start a new one, then start again.";

export function chainMessage(file: string, problem: ChainProblem): string {
  return `${file} line ${problem.index + 1} (record ${problem.id}) ${problem.reason}. ${NEVER_REPAIRED} npm run verify shows the same check.`;
}
