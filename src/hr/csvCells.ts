/**
 * Splits a CSV text into cells a line at a time, so that a broken quote on one line is that line's
 * problem and the lines after it are still read. A roster cell is one line of text (line breaks are
 * refused in every field), so no valid roster needs a quoted field to span lines.
 */

export type Delimiter = "," | ";" | "\t";

const NAMES: Record<Delimiter, string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };

export const delimiterName = (delimiter: Delimiter): string => NAMES[delimiter];

/**
 * The delimiter of a file, from its first line: the one of comma, semicolon and tab found most
 * often outside quotes (Excel writes semicolons where the comma is the decimal mark; a comma wins a tie).
 */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ",");
}

/** A line's cells, or why it has none; `unclosed` when it ends inside a quote (a quoted line break, or a broken quote). */
export type LineCells = { cells: string[] } | { problem: string; unclosed?: true };

/** The cells of one line (RFC 4180 quoting: "" inside quotes is a quote), each trimmed. */
export function splitLine(line: string, delimiter: Delimiter): LineCells {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    while (line[at] === " ") at++;
    if (line[at] === '"') {
      let cell = "";
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1)
          return {
            problem: `a quote opened in cell ${cells.length + 1} is never closed. Close it, or remove the stray quote, and import again.`,
            unclosed: true,
          };
        cell += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          cell += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      while (line[at] === " ") at++;
      if (at < line.length && line[at] !== delimiter)
        return {
          problem: `cell ${cells.length + 1} has text after its closing quote. Put the whole cell inside the quotes and import again.`,
        };
      cells.push(cell.trim());
    } else {
      const end = line.indexOf(delimiter, at);
      cells.push(line.slice(at, end === -1 ? undefined : end).trim());
      at = end === -1 ? line.length : end;
    }
    if (at >= line.length) return { cells };
    at++; // past the delimiter
  }
}

/** Lines one record may span (line breaks typed into its cells): past that, a quote that never closes stops swallowing lines. */
const MAX_SPAN = 50;

/** One record of the file: its first line's number (from 1) and its cells, or why it has none. */
export interface FileRecord {
  row: number;
  split: LineCells;
}

/**
 * The records of `text` after line `after` (its header), skipping blank lines. A quote left open at
 * the end of a line continues onto the next ones when that closes it into a record of `width` cells
 * (a line break typed inside a cell, which the cell's own rules then refuse by its column); otherwise
 * it is a broken quote, that line's problem, and the next line is read as a record of its own.
 */
export function* fileRecords(text: string, delimiter: Delimiter, after: number, width: number): Generator<FileRecord> {
  const parts = text.split(/(\r\n|\n|\r)/); // lines at even places, each followed by its line end
  const lineCount = Math.ceil(parts.length / 2);
  for (let at = after; at < lineCount; at++) {
    const line = parts[at * 2] as string;
    if (!line.trim()) continue;
    const split = splitLine(line, delimiter);
    const spanned = "unclosed" in split ? spanning(parts, at, delimiter, width) : undefined;
    if (spanned) {
      yield { row: at + 1, split: spanned.split };
      at = spanned.last;
    } else yield { row: at + 1, split };
  }
}

/** The record that starts on line `at` and closes its quote on a later line, into `width` cells; undefined when none does. */
function spanning(parts: string[], at: number, delimiter: Delimiter, width: number) {
  let joined = parts[at * 2] as string;
  for (let next = at + 1; next < at + MAX_SPAN && next * 2 < parts.length; next++) {
    joined += `${parts[next * 2 - 1]}${parts[next * 2]}`;
    const split = splitLine(joined, delimiter);
    if ("unclosed" in split) continue;
    return "cells" in split && split.cells.length === width ? { split, last: next } : undefined;
  }
  return undefined;
}
