import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { AcknowledgementRecord } from "./record.ts";
import { StoreError } from "./storeError.ts";

/**
 * Reads the journal one line at a time, so that exporting a million records needs the memory of
 * one. A torn last line (a crash mid-append, never acknowledged) is skipped with a warning.
 */
export async function* journalRecords(
  file: string,
  warn: (message: string) => void,
): AsyncGenerator<AcknowledgementRecord> {
  let number = 0;
  let pending: string | undefined;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (pending !== undefined) yield parse(file, pending, number);
    number++;
    pending = line;
  }
  if (pending === undefined || pending === "") return;
  try {
    yield JSON.parse(pending) as AcknowledgementRecord;
  } catch {
    warn(
      `${file}: skipped the incomplete last line ${number} (a crash while writing; the server sets it aside on its next start).`,
    );
  }
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
