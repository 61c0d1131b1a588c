import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvExport } from "../../src/hr/csvExport.ts";
import { exportStream } from "../../src/hr/exportRecords.ts";
import { ChainCheck } from "../../src/records/chain.ts";
import { VERIFY_FIX } from "../../src/records/chainRange.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { chainMessage } from "../../src/records/journal.ts";
import { journalLines, MAX_LINE_BYTES, type ScanEnd } from "../../src/records/journalLines.ts";
import { journalBatches } from "../../src/records/journalReader.ts";
import { GENESIS_HASH } from "../../src/records/record.ts";
import { parseRecordLine } from "../../src/records/recordLine.ts";
import { verifyJournal } from "../../src/records/verifyJournal.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { dataDir, recordAt } from "../support/records.ts";

// npm run verify and the CSV export work through the journal in ranges, in worker threads. Whatever
// the ranges, they must say exactly what one pass from the first line to the last says: the same
// counts, the same text, and for a damaged journal the same first problem in the same words.

const COUNT = 12;

/** `count` chained records, one JSON line each (about 3.5 KB: several fit in no range below). */
function recordLines(count = COUNT): string[] {
  let prevHash = GENESIS_HASH;
  return Array.from({ length: count }, (_, i) => {
    const record = recordAt(i + 1, `2026-01-${String(i + 1).padStart(2, "0")}T09:00:00.000Z`, {}, prevHash);
    prevHash = record.hash;
    return JSON.stringify(record);
  });
}

function journalOf(content: string): string {
  const file = dataFiles(dataDir()).journal;
  writeFileSync(file, content);
  return file;
}

/** What npm run verify said before it was parallel: one record after another, from the first line. */
async function verifiedInOnePass(file: string): Promise<string> {
  const check = new ChainCheck();
  const found: ScanEnd = { end: 0 };
  let lastId = "";
  try {
    for await (const run of journalLines(file, found))
      for (const line of run.lines) {
        const record = parseRecordLine(file, line, check.current.count + 1, VERIFY_FIX);
        const problem = check.next(record);
        if (problem) return chainMessage(file, problem);
        lastId = record.id;
      }
  } catch (error) {
    return (error as Error).message;
  }
  return `${check.current.count} records, last ${lastId}, hash ${check.current.hash}, torn ${found.tail !== undefined}`;
}

async function verifiedInRanges(file: string, rangeBytes: number, workers: number): Promise<string> {
  try {
    const { head, lastId, tail } = await verifyJournal(file, { rangeBytes, workers });
    return `${head.count} records, last ${lastId}, hash ${head.hash}, torn ${tail}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every line its own range, over two threads; a few lines a range, cut mid-line, in one thread. */
const splits = [
  { rangeBytes: 1, workers: 2 },
  { rangeBytes: 10_000, workers: 1 },
];

const lines = recordLines();
const journal = (lines: readonly (string | undefined)[]) => `${lines.join("\n")}\n`;
const replaced = (n: number, by: (line: string) => string) => lines.map((line, i) => (i === n - 1 ? by(line) : line));
const journals: [string, string][] = [
  ["an intact journal", journal(lines)],
  ["an empty journal", ""],
  ["a journal with a torn last line", `${journal(lines)}{"seq":13,"id":"ack-0`],
  ["a journal whose last line is a whole record without its newline", lines.join("\n")],
  ["a journal with an empty line 5", journal(replaced(5, () => ""))],
  [
    "a journal with a line too long to be a record",
    journal([...lines.slice(0, 3), "x".repeat(MAX_LINE_BYTES + 10), ...lines.slice(3)]),
  ],
];
// The first line, one inside, the last: where a range's first record must join the ranges before.
for (const n of [1, 5, COUNT]) {
  journals.push(
    [`a journal without line ${n}`, journal(lines.filter((_, i) => i !== n - 1))],
    [`a journal with line ${n} edited`, journal(replaced(n, (line) => line.replace("Learner", "Lerner")))],
    [`a journal with line ${n} not JSON`, journal(replaced(n, (line) => line.slice(0, 100)))],
    [`a journal with line ${n} of the wrong shape`, journal(replaced(n, () => "[]"))],
    [`a journal with line ${n} twice`, journal([...lines.slice(0, n), ...lines.slice(n - 1)])],
  );
  if (n < COUNT)
    journals.push([
      `a journal with lines ${n} and ${n + 1} swapped`,
      journal([...lines.slice(0, n - 1), lines[n], lines[n - 1], ...lines.slice(n + 1)]),
    ]);
}

describe("npm run verify in ranges", () => {
  it.each(journals)("says of %s exactly what one pass says, however the journal is split", async (_, content) => {
    const file = journalOf(content);
    const expected = await verifiedInOnePass(file);
    for (const split of splits) expect(await verifiedInRanges(file, split.rangeBytes, split.workers)).toBe(expected);
  });

  it("names the file, the line and the fix in the words of a one-pass check", async () => {
    const file = journalOf(journal(replaced(5, (line) => line.replace("Learner", "Lerner"))));
    await expect(verifyJournal(file, { rangeBytes: 1 })).rejects.toThrow(
      `${file} line 5 (record ack-000005) does not match its hash: its content was changed after it was recorded.`,
    );
    const damaged = journalOf(journal(replaced(8, () => "[]")));
    await expect(verifyJournal(damaged, { rangeBytes: 1 })).rejects.toMatchObject({
      name: "StoreError",
      kind: "damaged",
      message: `${damaged} line 8 is not an acknowledgement record in the shape this version writes: the top level must be an object, not a list. ${VERIFY_FIX}`,
    });
  });
});

const roster: Employee[] = [
  {
    id: "e-1003",
    name: "Learner 3",
    email: "l3@kestrel.example",
    department: "Risk",
    startDate: "2026-01-01",
    manager: "",
  },
];

/** The CSV and the warnings of one pass in this thread (journalBatches and exportStream, which the HR API uses). */
async function csvInOnePass(file: string, bom: boolean): Promise<{ csv: string; warnings: string[] }> {
  const warnings: string[] = [];
  try {
    const csv = await text(
      exportStream(
        journalBatches(file, (w) => warnings.push(w)),
        roster,
        { format: "csv", bom },
      ),
    );
    return { csv, warnings };
  } catch (error) {
    return { csv: `refused: ${(error as Error).message}`, warnings };
  }
}

async function csvInRanges(file: string, bom: boolean, rangeBytes: number, workers: number) {
  const warnings: string[] = [];
  try {
    const csv = await text(
      Readable.from(csvExport(file, roster, { bom, warn: (w) => warnings.push(w), pool: { rangeBytes, workers } })),
    );
    return { csv, warnings };
  } catch (error) {
    return { csv: `refused: ${(error as Error).message}`, warnings };
  }
}

describe("the CSV export in ranges", () => {
  it.each(journals)("gives for %s exactly the text of one pass, however the journal is split", async (_, content) => {
    const file = journalOf(content);
    const expected = await csvInOnePass(file, false);
    for (const split of splits)
      expect(await csvInRanges(file, false, split.rangeBytes, split.workers)).toEqual(expected);
  });

  it("starts with the byte order mark when asked, and names the roster's departments", async () => {
    const file = journalOf(journal(lines));
    const { csv } = await csvInRanges(file, true, 1, 2);
    expect(csv).toBe((await csvInOnePass(file, true)).csv);
    expect(csv.startsWith("\uFEFFrecord_id,")).toBe(true);
    expect(csv.split("\r\n")[3]?.split(",")[5]).toBe("Risk");
  });
});

describe("the worker threads", () => {
  it("do not keep the process running once a range has failed", () => {
    const file = journalOf(journal(replaced(7, () => "[]")));
    const src = (name: string) => JSON.stringify(path.resolve(name));
    // No process.exit: the child must end by itself, its workers stopped with the reading that failed.
    const script = `
      const { verifyJournal } = await import(${src("src/records/verifyJournal.ts")});
      const { csvExport } = await import(${src("src/hr/csvExport.ts")});
      await verifyJournal(${JSON.stringify(file)}, { rangeBytes: 1 }).catch((error) => console.log(error.message));
      try {
        for await (const chunk of csvExport(${JSON.stringify(file)}, [], { warn: () => {}, pool: { rangeBytes: 1 } })) void chunk;
      } catch (error) {
        console.log(error.message);
      }`;
    const child = spawnSync(process.execPath, ["--input-type=module", "--eval", script], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal, "the child was still running after 30 s").toBeNull();
    expect(child.status, child.stderr).toBe(0);
    expect(
      child.stdout.split("\n").filter((line) => line.includes(`${file} line 7 is not an acknowledgement record`)),
    ).toHaveLength(2);
  });
});
