import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { AcknowledgementRecord } from "./record.ts";
import { StoreError } from "./storeError.ts";

/**
 * Reads the journal one line at a time, handing records on in batches: exporting a million records
 * needs the memory of one batch, and the consumer pays for one await per batch, not per record.
 * A torn last line (a crash mid-append, never acknowledged) is skipped with a warning.
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
    if (pending !== undefined) batch.push(parse(file, pending, number));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
    number++;
    pending = line;
  }
  if (pending !== undefined && pending !== "") {
    try {
      batch.push(JSON.parse(pending) as AcknowledgementRecord);
    } catch {
      warn(
        `${file}: skipped the incomplete last line ${number} (a crash while writing; the server sets it aside on its next start).`,
      );
    }
  }
  if (batch.length) yield batch;
}

function parse(file: string, line: string, number: number): AcknowledgementRecord {
  try {
    return JSON.parse(line) as AcknowledgementRecord;
  } catch (error) {
    throw new StoreError(
      "unreadable",
      `${file} line ${number} is not valid JSON (${(error as Error).message}). Run npm run verify, and restore the journal from a backup.`,
    );
  }
}
