import { journalLines, type ScanEnd } from "./journalLines.ts";
import type { AcknowledgementRecord } from "./record.ts";
import { isJson, parseRecordLine } from "./recordLine.ts";

/** What to do about a damaged line met while reading records out (an export). */
export const READ_FIX = "Run npm run verify, and restore the journal from a backup.";

/** The warning for a last line without its newline that is not a whole record: it is left out, not refused. */
export function skippedTail(file: string, number: number): string {
  return `${file}: skipped the incomplete last line ${number} (a crash while writing; the server sets it aside on its next start).`;
}

/**
 * Reads the journal's records in batches, up to byte `to` (default: its end): exporting a million
 * records needs the memory of one batch, and the consumer pays for one await per batch, not per
 * record. Every line is parsed as a record; a last line without its newline is one too when it is
 * complete JSON, and is otherwise skipped with a warning (a crash mid-append, never acknowledged).
 */
export async function* journalBatches(
  file: string,
  warn: (message: string) => void,
  options: { size?: number; to?: number } = {},
): AsyncGenerator<AcknowledgementRecord[]> {
  const size = options.size ?? 1000;
  const found: ScanEnd = { end: 0 };
  let batch: AcknowledgementRecord[] = [];
  let number = 1;
  for await (const run of journalLines(file, found, { to: options.to }))
    for (const line of run.lines) {
      batch.push(parseRecordLine(file, line, number++, READ_FIX));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  const { tail } = found;
  // A record starts with "{", so a line cut short is never valid JSON; one that is JSON is complete.
  if (tail !== undefined && tail !== "") {
    if (isJson(tail)) batch.push(parseRecordLine(file, tail, number, READ_FIX));
    else warn(skippedTail(file, number));
  }
  if (batch.length) yield batch;
}
