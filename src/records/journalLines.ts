import type { Hash } from "node:crypto";
import { open } from "node:fs/promises";
import { readFailure } from "./readFailure.ts";
import { LineDamage } from "./lineDamage.ts";

/** A run of complete lines read from the journal, with the byte offset where each one starts. */
export interface LineRun {
  lines: string[];
  offsets: number[];
}

/** What a scan found after its last complete line: the bytes of a line without its newline. */
export interface ScanEnd {
  /** Byte offset just past the last newline: where the complete lines end. */
  end: number;
  /** A last line that has no newline (a crash mid-append), or undefined. */
  tail?: string;
}

const CHUNK = 1 << 20;
/**
 * No record comes near this (the API refuses bodies far smaller): a longer line is damage, and is
 * refused before it can fill the memory.
 */
export const MAX_LINE_BYTES = 4 << 20;

/**
 * Reads the journal's lines from byte `from` to `to` (default: its end), a chunk at a time, so that
 * a journal of any size is read in the memory of one chunk. The bytes of every complete line go
 * into `digest` when one is given. `end` is filled in when the generator finishes. Lines are split on the newline byte,
 * which never occurs inside UTF-8 text of other characters.
 */
export async function* journalLines(
  file: string,
  found: ScanEnd,
  options: { from?: number; to?: number; digest?: Hash; firstLine?: number } = {},
): AsyncGenerator<LineRun> {
  const from = options.from ?? 0;
  const handle = await open(file, "r").catch((error: unknown) => {
    throw readFailure(file, error);
  });
  try {
    const to = options.to ?? (await handle.stat()).size;
    const buffer = Buffer.allocUnsafe(CHUNK);
    let carry: Buffer = Buffer.alloc(0); // the start of a line that goes on in the next chunk
    let carryOffset = from;
    let position = from;
    let lineNumber = options.firstLine ?? 1;
    while (position < to) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, to - position), position).catch((error) => {
        throw readFailure(file, error);
      });
      if (bytesRead === 0) break; // the file got shorter while being read: stop at what is there
      const chunk = buffer.subarray(0, bytesRead);
      const run: LineRun = { lines: [], offsets: [] };
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        const rest = chunk.subarray(start, newline);
        if (carry.length) {
          options.digest?.update(carry);
          run.lines.push(Buffer.concat([carry, rest]).toString("utf8"));
          run.offsets.push(carryOffset);
          carry = Buffer.alloc(0);
        } else {
          run.lines.push(rest.toString("utf8"));
          run.offsets.push(position + start);
        }
        start = newline + 1;
        lineNumber++;
      }
      // The digest covers complete lines only: a torn last line is set aside, not kept.
      options.digest?.update(chunk.subarray(0, start));
      if (start < bytesRead) {
        if (!carry.length) carryOffset = position + start;
        carry = Buffer.concat([carry, chunk.subarray(start)]);
        if (carry.length > MAX_LINE_BYTES)
          throw new LineDamage(file, {
            line: lineNumber,
            problem: `is longer than ${MAX_LINE_BYTES} bytes without a line break: no record is anywhere near that size, so the file is damaged or is not a journal`,
            fix: "The journal is evidence and is never repaired automatically: restore it from a backup, or move it aside to start a new one, then start again.",
          });
      }
      position += bytesRead;
      if (run.lines.length) yield run;
    }
    found.end = carry.length ? carryOffset : position;
    found.tail = carry.length ? carry.toString("utf8") : undefined;
  } finally {
    await handle.close();
  }
}
