import { mkdirSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * Where the reminders' sends journal keeps its lines, as the records store provides it: a file in
 * the data folder (embedded store) or a table (PostgreSQL, shared by every server on it). Lines
 * are appended durably, never changed, and every reader gets them in one order, the same for all:
 * the journal's rule "the first live claim owns the key" rests on that.
 */
export interface SendsLines {
  /** Where the lines are, for messages. */
  readonly where: string;
  /** Appends one line (no newline in it), durable when the promise resolves. */
  append(line: string): Promise<void>;
  /** The whole lines appended (by any process) since the last call, in order. */
  readNew(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The embedded store's sends lines: `reminders.jsonl` in the data folder, appended with O_APPEND
 * and synced. Appends of one small line are atomic on a local file system, so lines of processes
 * appending at once never interleave; a line still being written waits for its newline.
 * `readOnly` (a dry run) never creates or writes the file.
 */
export async function fileSendsLines(file: string, readOnly = false): Promise<SendsLines> {
  let handle: FileHandle | undefined;
  if (!readOnly) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    handle = await open(file, "a+", 0o600);
  } else
    handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined; // a dry run on a new folder: nothing was sent yet
      throw error;
    });
  let offset = 0;
  let pending = "";
  return {
    where: file,
    async append(line) {
      if (!handle || readOnly) throw new Error(`${file} was opened read-only: a dry run records nothing.`);
      await handle.write(`${line}\n`);
      await handle.datasync();
    },
    async readNew() {
      if (!handle) return [];
      const { size } = await handle.stat();
      if (size <= offset) return [];
      const buffer = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      offset += bytesRead;
      const text = pending + buffer.toString("utf8", 0, bytesRead);
      const end = text.lastIndexOf("\n");
      pending = text.slice(end + 1);
      return text
        .slice(0, end + 1)
        .split("\n")
        .filter(Boolean);
    },
    async close() {
      await handle?.close();
    },
  };
}
