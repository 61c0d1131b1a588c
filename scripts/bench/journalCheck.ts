import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, type AcknowledgementRecord } from "../../src/records/record.ts";

export interface JournalCheck {
  records: number;
  /** The first record that does not fit the chain, if one does not. */
  problem?: string;
}

/**
 * The benchmark's own check of a journal after a run, streamed line by line (a journal of a million
 * records is past the largest string V8 can hold): counts the records and checks the chain, so that
 * the figures never depend on the store or `npm run verify` they measure.
 */
export async function checkJournal(file: string): Promise<JournalCheck> {
  let records = 0;
  let previous = GENESIS_HASH;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === "") continue;
    records++;
    const { hash, ...content } = JSON.parse(line) as AcknowledgementRecord;
    const problem =
      content.seq !== records
        ? `is numbered ${content.seq}`
        : content.prevHash !== previous
          ? "does not link to the record before it"
          : recordHash(content) !== hash
            ? "does not match its hash"
            : undefined;
    if (problem) {
      lines.close();
      return { records, problem: `line ${records} (${content.id}) ${problem}` };
    }
    previous = hash;
  }
  return { records };
}
