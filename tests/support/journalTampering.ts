import { readFileSync, writeFileSync } from "node:fs";
import { recordHash } from "../../src/records/chain.ts";
import { GENESIS_HASH, recordId, type AcknowledgementRecord } from "../../src/records/record.ts";

/**
 * The changes to a journal that its hash chain alone cannot catch (someone who controls the file
 * recomputes every hash after the change), and the two kinds of cut a crash could be mistaken for.
 * Each rewrites the journal file in place; `at` counts records from 1.
 */
export const TAMPERINGS = {
  "truncation at a line boundary": (file: string) => rewrite(file, (records) => records.slice(0, -2)),
  "a cut in the middle of a record": (file: string) => {
    const text = readFileSync(file, "utf8");
    const lastLine = text.lastIndexOf("\n", text.length - 2) + 1;
    writeFileSync(file, text.slice(0, lastLine + 40));
  },
  "a forged record appended": (file: string) =>
    rewrite(file, (records) => {
      const last = records.at(-1) as AcknowledgementRecord;
      return [...records, { ...last, learner: { ...last.learner, name: "Forged Learner" }, seq: last.seq + 1 }];
    }),
  "history rewritten from record 2": (file: string) =>
    rewrite(file, (records) =>
      records.map((record, i) =>
        i === 1 ? { ...record, learner: { ...record.learner, email: "x@kestrel.example" } } : record,
      ),
    ),
  "record 2 deleted and the rest renumbered": (file: string) =>
    rewrite(file, (records) => records.filter((_, i) => i !== 1)),
} as const;

export type Tampering = keyof typeof TAMPERINGS;

/** Rewrites the journal with `change` applied, then renumbers and re-chains every record as a forger would. */
function rewrite(file: string, change: (records: AcknowledgementRecord[]) => AcknowledgementRecord[]): void {
  const records = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AcknowledgementRecord);
  writeFileSync(
    file,
    rechainedLines(change(records))
      .map((line) => `${line}\n`)
      .join(""),
  );
}

/** The records numbered from 1 and chained again, every hash recomputed: a forger's rewrite, as journal lines. */
export function rechainedLines(records: readonly AcknowledgementRecord[]): string[] {
  let prevHash = GENESIS_HASH;
  return records.map((record, i) => {
    const seq = i + 1;
    const content: Omit<AcknowledgementRecord, "hash"> & { hash?: string } = {
      ...record,
      seq,
      id: recordId(seq),
      prevHash,
    };
    delete content.hash;
    const rechained = { ...content, hash: recordHash(content) };
    prevHash = rechained.hash;
    return JSON.stringify(rechained);
  });
}
