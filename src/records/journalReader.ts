import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { AcknowledgementRecord } from "./record.ts";
import { isJson, parseRecordLine } from "./recordLine.ts";

const FIX = "Run npm run verify, and restore the journal from a backup.";

/**
 * Reads the journal one line at a time, handing records on in batches: exporting a million records
 * needs the memory of one batch, and the consumer pays for one await per batch, not per record.
 * Every line is parsed as a record; a torn last line (not even JSON: a crash mid-append, never
 * acknowledged) is skipped with a warning.
 */
export async function* journalBatches(
  file: string,
  warn: (message: string) => void,
  size = 1000,
): AsyncGenerator<AcknowledgementRecord[]> {
  let batch: AcknowledgementRecord[] = [];
  let number = 0;
  let pending: string | undefined;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (pending !== undefined) batch.push(parseRecordLine(file, pending, number, FIX));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
    number++;
    pending = line;
  }
  if (pending !== undefined && pending !== "") {
    // A record starts with "{", so a line cut short is never valid JSON; one that is JSON is complete.
    if (isJson(pending)) batch.push(parseRecordLine(file, pending, number, FIX));
    else
      warn(
        `${file}: skipped the incomplete last line ${number} (a crash while writing; the server sets it aside on its next start).`,
      );
  }
  if (batch.length) yield batch;
}
