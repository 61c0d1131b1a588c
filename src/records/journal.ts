import { createHash, type Hash } from "node:crypto";
import { open, stat, truncate, writeFile, type FileHandle } from "node:fs/promises";
import { MerkleTree, recordLeafHash } from "../evidence/merkleTree.ts";
import { ChainCheck, recordHash, type ChainHead, type ChainProblem } from "./chain.ts";
import { tornFile } from "./dataFiles.ts";
import { journalLines, type ScanEnd } from "./journalLines.ts";
import { journalBatches } from "./journalReader.ts";
import { recordId, type AcknowledgementRecord, type NewAcknowledgement } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";
import { readFailure } from "./readFailure.ts";
import { StoreError } from "./storeError.ts";

interface Pending {
  entry: NewAcknowledgement;
  resolve: (record: AcknowledgementRecord) => void;
  reject: (error: Error) => void;
}

/** Where an earlier, checked read of the journal stopped: a saved index says so, and the rest is read from there. */
export interface JournalPrefix {
  head: ChainHead;
  /** Bytes of the journal those records fill. */
  bytes: number;
  /** Byte offset of each of those records. */
  offsets: number[];
  /** SHA-256 state after those bytes, to go on from. */
  digest: Hash;
  /** The Merkle tree of those records. */
  tree: MerkleTree;
}

/** The tree a checkpoint the server signed describes, and the file that checkpoint is kept in. */
export interface Pin {
  size: number;
  root: Buffer;
  file: string;
}

/** What the journal lets others do with its Merkle tree: read it, never append to it. */
export type MerkleView = Pick<MerkleTree, "size" | "root" | "leaf" | "inclusionProof" | "consistencyProof">;

/** The journal's state at one moment: what a saved index records so that it can be checked later. */
export interface JournalMark {
  head: ChainHead;
  bytes: number;
  /** SHA-256 of the journal's first `bytes` bytes, hex. */
  sha256: string;
}

/**
 * The append-only journal of acknowledgements (JSON Lines). Records are never rewritten: each one
 * is appended with the hash of the one before it. Concurrent appends are coalesced into one write
 * and one fdatasync (group commit), and an append resolves only once its record is on disk, so the
 * cost of recording does not grow with the history. The journal keeps no records in memory: only
 * each one's byte offset, to read it back, and a running SHA-256 of its bytes, which a saved index
 * is checked against.
 */
export class Journal {
  readonly file: string;
  private readonly handle: FileHandle;
  private readonly offsets: number[];
  private readonly digest: Hash;
  private readonly merkle: MerkleTree;
  private head: ChainHead;
  private size: number;
  private queue: Pending[] = [];
  /** The lines of the latest records, so that their receipts do not read them back from disk. */
  private readonly recent = new Map<number, string>();
  private flushing: Promise<void> | undefined;
  private readonly onRecord: (record: AcknowledgementRecord) => void;

  private constructor(
    file: string,
    handle: FileHandle,
    scanned: { head: ChainHead; size: number; offsets: number[]; digest: Hash; tree: MerkleTree },
    onRecord: (record: AcknowledgementRecord) => void,
  ) {
    this.file = file;
    this.handle = handle;
    this.head = scanned.head;
    this.size = scanned.size;
    this.offsets = scanned.offsets;
    this.digest = scanned.digest;
    this.merkle = scanned.tree;
    this.onRecord = onRecord;
  }

  /**
   * Reads and verifies the journal as a stream, handing each record to `onRecord` (the index is
   * built from them), as it will each record appended later once it is durable. With `prefix`, the records it
   * covers were checked before and are not read again. A torn last line (a crash mid-append, never
   * acknowledged) is moved to a side file and reported through `warn`; anything else that does not
   * parse or does not chain stops the start, naming the line, and the file is left exactly as it was.
   * With `pinned`, the journal must still hold the tree that checkpoint signed: a journal cut below
   * it (a torn line included) or whose past changed stops the start too.
   */
  static async open(
    file: string,
    warn: (message: string) => void,
    onRecord: (record: AcknowledgementRecord) => void,
    { prefix, pinned }: { prefix?: JournalPrefix; pinned?: Pin } = {},
  ): Promise<Journal> {
    const check = new ChainCheck(prefix?.head);
    const offsets = prefix?.offsets ?? [];
    const digest = prefix?.digest ?? createHash("sha256");
    const tree = prefix?.tree ?? new MerkleTree();
    const found: ScanEnd = { end: prefix?.bytes ?? 0 };
    if (await exists(file))
      for await (const run of journalLines(file, found, {
        from: prefix?.bytes,
        digest,
        firstLine: check.current.count + 1,
      }))
        run.lines.forEach((line, i) => {
          const number = check.current.count + 1;
          const record = parseRecordLine(file, line, number, NEVER_REPAIRED);
          const problem = check.next(record);
          if (problem) throw new StoreError("damaged", chainMessage(file, problem));
          offsets.push(run.offsets[i] as number);
          tree.append(recordLeafHash(line));
          onRecord(record);
        });
    if (pinned) checkPinned(file, pinned, tree, found.tail !== undefined);
    if (found.tail !== undefined) {
      // Checked everything before changing anything: a journal that fails is left exactly as it was.
      // No newline at the end: the last append was cut short, so no client was ever told it was stored.
      const aside = tornFile(file);
      await writeFile(aside, found.tail, { flag: "wx", mode: 0o600 });
      await truncate(file, found.end);
      warn(
        `${file}: the last line was incomplete (a crash while writing, never confirmed to anyone). It was moved to ${aside}; the ${check.current.count} complete records are kept.`,
      );
    }
    const handle = await open(file, "a", 0o600);
    return new Journal(file, handle, { head: check.current, size: found.end, offsets, digest, tree }, onRecord);
  }

  get count(): number {
    return this.head.count;
  }

  /** The head, size and digest now: what a saved index is checked against at the next start. */
  mark(): JournalMark {
    return { head: this.head, bytes: this.size, sha256: this.digest.copy().digest("hex") };
  }

  /** The Merkle tree of the durable records: leaf `seq - 1` is record `seq`'s line. */
  get tree(): MerkleView {
    return this.merkle;
  }

  /** Byte offsets of the first `count` records. */
  offsetsUpTo(count: number): readonly number[] {
    return this.offsets.slice(0, count);
  }

  /** Reads record `seq` back from disk; undefined when there is no such record. */
  async read(seq: number): Promise<AcknowledgementRecord | undefined> {
    const line = await this.line(seq);
    return line === undefined ? undefined : parseRecordLine(this.file, line, seq, NEVER_REPAIRED);
  }

  /** Record `seq`'s line as stored, without its newline: the bytes its Merkle leaf is the hash of. */
  async line(seq: number): Promise<string | undefined> {
    if (!Number.isInteger(seq) || seq < 1 || seq > this.head.count) return undefined;
    const recent = this.recent.get(seq);
    if (recent !== undefined) return recent;
    const start = this.offsets[seq - 1] as number;
    const end = (this.offsets[seq] ?? this.size) - 1; // without its newline
    const bytes = Buffer.alloc(end - start);
    const reader = await open(this.file, "r").catch((error: unknown) => {
      throw readFailure(this.file, error);
    });
    try {
      await reader.read(bytes, 0, bytes.length, start);
    } finally {
      await reader.close();
    }
    return bytes.toString("utf8");
  }

  /**
   * Every record durable now, oldest first, read from disk in batches: exporting a million records
   * needs the memory of one batch. Records appended meanwhile are left for the next reader.
   */
  batches(): AsyncGenerator<AcknowledgementRecord[]> {
    // Up to the size now: a batch being appended is not read half-written.
    return journalBatches(this.file, () => undefined, { to: this.size });
  }

  /** Appends a record; resolves once it is durable, rejects with a StoreError if the disk refuses. */
  append(entry: NewAcknowledgement): Promise<AcknowledgementRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  private remember(seq: number, line: Buffer): void {
    this.recent.set(seq, line.toString("utf8", 0, line.length - 1));
    if (this.recent.size > RECENT_LINES) this.recent.delete(this.recent.keys().next().value as number);
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
      let prevHash = this.head.hash;
      const records = batch.map(({ entry }, i) => {
        const seq = this.head.count + i + 1;
        const content = { ...entry, seq, id: recordId(seq), recordedAt, prevHash };
        const record = { ...content, hash: recordHash(content) };
        prevHash = record.hash;
        return record;
      });
      const lines = records.map((r) => Buffer.from(`${JSON.stringify(r)}\n`));
      const bytes = Buffer.concat(lines);
      try {
        await writeAll(this.handle, bytes);
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
      for (const [i, line] of lines.entries()) {
        this.offsets.push(this.size);
        this.size += line.length;
        this.merkle.append(recordLeafHash(line.subarray(0, -1)));
        this.remember((records[i] as AcknowledgementRecord).seq, line);
      }
      this.digest.update(bytes);
      this.head = { count: this.head.count + records.length, hash: prevHash };
      for (const record of records) this.onRecord(record);
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

/** Whether the journal is there yet (a first start has none); any other failure names its cause. */
async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw readFailure(file, error);
  }
}

/**
 * SHA-256 state over the first `bytes` bytes of `file` (what a saved index is checked against);
 * undefined when the file is shorter.
 */
export async function digestOf(file: string, bytes: number): Promise<Hash | undefined> {
  const digest = createHash("sha256");
  const handle = await open(file, "r").catch((error: unknown) => {
    throw readFailure(file, error);
  });
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let position = 0; position < bytes;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - position), position);
      if (bytesRead === 0) return undefined;
      digest.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return digest;
  } finally {
    await handle.close();
  }
}

/** A journal the server once signed for is never cut back: neither a lost tail nor a changed past is a torn write. */
function checkPinned(file: string, pinned: Pin, tree: MerkleTree, torn: boolean): void {
  const check = `npm run verify -- --checkpoint ${pinned.file} shows the same check.`;
  if (tree.size < pinned.size) {
    const cut = torn
      ? `its last line, record ${tree.size + 1}, is cut short although a checkpoint included it, and `
      : "";
    throw new StoreError(
      "damaged",
      `${file} holds ${tree.size} complete records, but the server signed a checkpoint of ${pinned.size} (${pinned.file}): ${cut}records ${tree.size + 1} to ${pinned.size} are missing. The journal was cut, or replaced by an older copy. Restore it from a backup that holds at least ${pinned.size} records, then start again; nothing was changed. ${check}`,
    );
  }
  if (!tree.root(pinned.size).equals(pinned.root))
    throw new StoreError(
      "damaged",
      `${file}: its first ${pinned.size} records are not the ones the server signed in ${pinned.file} (they make another Merkle root): records among them were changed, inserted or removed, and every later hash recomputed. ${NEVER_REPAIRED} ${check}`,
    );
}

/** How many of the latest lines are kept: more than are answered at once under any load the budgets name. */
const RECENT_LINES = 1024;

const NEVER_REPAIRED =
  "The journal is evidence and is never repaired automatically: restore it from a backup, or move it aside to start a new one, then start again.";

export function chainMessage(file: string, problem: ChainProblem, fix = NEVER_REPAIRED): string {
  return `${file} line ${problem.index + 1} (record ${problem.id}) ${problem.reason}. ${fix} npm run verify shows the same check.`;
}
