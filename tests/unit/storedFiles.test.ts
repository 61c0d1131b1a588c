import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { journalBatches } from "../../src/records/journalReader.ts";
import { GENESIS_HASH } from "../../src/records/record.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { readRoster } from "../../src/records/stateFile.ts";
import { acknowledgement, allRecords, dataDir, recordAt } from "../support/records.ts";

/**
 * Every file of a data folder with its mode and bytes, and the folder's mode, to show that a refused
 * start changed nothing. The folder and its files are first left open to others (0755 and 0644), as
 * an earlier release left them: a start that goes on makes them owner-only, a refused one must not.
 */
function snapshot(dir: string): Record<string, string> {
  const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
  const files = readdirSync(dir)
    .sort()
    .map((name): [string, string] => {
      const file = path.join(dir, name);
      return [name, `${mode(file)} ${readFileSync(file).toString("base64")}`];
    });
  return Object.fromEntries([[".", mode(dir)], ...files]);
}

/** Leaves a data folder and its files open to others, as an earlier release did. */
function openToOthers(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) chmodSync(path.join(dir, name), 0o644);
}

/** A data folder whose journal holds `count` valid records, as JSON Lines. */
function journalLines(count: number): string[] {
  let prevHash = GENESIS_HASH;
  return Array.from({ length: count }, (_, i) => {
    const record = recordAt(i + 1, `2026-01-0${i + 1}T09:00:00.000Z`, {}, prevHash);
    prevHash = record.hash;
    return JSON.stringify(record);
  });
}

const employee = (n: number) => ({
  id: `E-${n}`,
  name: `Person ${n}`,
  email: `p${n}@kestrel.example`,
  department: "Ops",
  startDate: "2026-01-01",
  manager: "",
});

const withoutEmail: Partial<ReturnType<typeof employee>> = employee(3);
delete withoutEmail.email;

describe("a state file of the wrong shape", () => {
  const cases: [string, unknown, RegExp][] = [
    ["a list", [], /the top level must be an object, not a list/],
    ["a null roster", { roster: null }, /roster must be a list, not null/],
    ["no roster", {}, /roster is missing/],
    [
      "a roster entry without an email",
      { roster: [employee(0), employee(1), employee(2), withoutEmail] },
      /roster\.3\.email is missing/,
    ],
    ["a number for an id", { roster: [{ ...employee(0), id: 7 }] }, /roster\.0\.id must be text, not 7/],
    [
      "a start date not in the calendar",
      { roster: [{ ...employee(0), startDate: "2026-02-30" }] },
      /roster\.0\.startDate must be a real date written YYYY-MM-DD/,
    ],
    ["an unknown field", { roster: [], teams: [] }, /the top level has a field this version does not know: teams/],
  ];

  it.each(cases)(
    "refuses %s at start, naming the file and the field, and changes nothing, not even a mode",
    async (_, state, problem) => {
      const dir = dataDir();
      writeFileSync(dataFiles(dir).state, JSON.stringify(state, null, 2));
      // A torn journal line too: the refused start must not even set it aside.
      writeFileSync(dataFiles(dir).journal, `${journalLines(1).join("\n")}\n{"seq":2,"id":"ack-0`);
      openToOthers(dir);
      const before = snapshot(dir);
      const refusal = openRecordsStore(dir);
      await expect(refusal).rejects.toThrow(
        /state\.json does not hold the saved roster in the shape this version saves: /,
      );
      await expect(refusal).rejects.toThrow(problem);
      await expect(refusal).rejects.toThrow(
        /It was left untouched: correct it, restore it from a backup, or move it aside/,
      );
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it("is refused by the read-only roster reader too (npm run export)", async () => {
    const dir = dataDir();
    writeFileSync(dataFiles(dir).state, '{"roster": null}');
    await expect(readRoster(dir)).rejects.toThrow(
      /state\.json does not hold the saved roster .*roster must be a list, not null/,
    );
  });
});

describe("a journal line of the wrong shape", () => {
  const [first = "", second = "", third = ""] = journalLines(3);
  const withoutResult = JSON.parse(second) as Record<string, unknown>;
  delete withoutResult.result;
  const withoutSource = JSON.parse(second) as Record<string, unknown>;
  delete withoutSource.source; // a field of a fixed set of values: zod calls its absence a wrong value
  const cases: [string, string, RegExp][] = [
    [
      "null",
      "null",
      /line 2 is not an acknowledgement record in the shape this version writes: the top level must be an object, not null/,
    ],
    ["a list", "[]", /line 2 .*: the top level must be an object, not a list/],
    ["a record without its result", JSON.stringify(withoutResult), /line 2 .*: result is missing/],
    ["a record without its source", JSON.stringify(withoutSource), /line 2 .*: source is missing/],
    [
      "an outcome that does not exist",
      second.replace('"outcome":"correct"', '"outcome":"right"'),
      /line 2 .*: result\.scenarios\.0\.outcomes\.0\.outcome must be "correct" or "partial" or "incorrect", not "right"/,
    ],
    [
      "a time that is not ISO 8601",
      second.replace(/"recordedAt":"[^"]+"/, '"recordedAt":"yesterday"'),
      /line 2 .*: recordedAt must be a time in ISO 8601/,
    ],
    [
      "an unknown field",
      second.replace("{", '{"note":"added later",'),
      /line 2 .*: the top level has a field this version does not know: note/,
    ],
  ];

  it.each(cases)(
    "refuses %s at start, naming the file and the line, and changes nothing, not even a mode",
    async (_, line, problem) => {
      const dir = dataDir();
      writeFileSync(dataFiles(dir).journal, `${[first, line, third].join("\n")}\n`);
      openToOthers(dir);
      const before = snapshot(dir);
      const refusal = openRecordsStore(dir);
      await expect(refusal).rejects.toThrow(/acknowledgements\.jsonl line 2 /);
      await expect(refusal).rejects.toThrow(problem);
      await expect(refusal).rejects.toThrow(/never repaired automatically: restore it from a backup, or move it aside/);
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it("is refused by the streaming reader (npm run export), also as a complete last line without a newline", async () => {
    const dir = dataDir();
    const file = dataFiles(dir).journal;
    const read = async () => {
      const warnings: string[] = [];
      for await (const batch of journalBatches(file, (message) => warnings.push(message))) void batch;
      return warnings;
    };
    writeFileSync(file, `${[first, "null", third].join("\n")}\n`);
    await expect(read()).rejects.toThrow(
      /line 2 is not an acknowledgement record .*the top level must be an object, not null/,
    );
    writeFileSync(file, `${[first, second].join("\n")}\n${JSON.stringify(withoutResult)}`);
    await expect(read()).rejects.toThrow(/line 3 .*result is missing/);
    writeFileSync(file, `${[first, second].join("\n")}\n{"seq":3,"id":"ack-0`);
    expect(await read()).toEqual([expect.stringContaining("skipped the incomplete last line 3")]);
  });
});

describe("a record read back", () => {
  it("is the record as written, field for field and in the same order, and still chains", async () => {
    const dir = dataDir();
    // Keys in an order unlike the schema's: reading must not rebuild the record in another order.
    const made = recordAt(1, "2026-01-01T09:00:00.000Z", acknowledgement(1));
    const reversed = Object.fromEntries(Object.entries(made).reverse());
    const line = JSON.stringify(reversed);
    writeFileSync(dataFiles(dir).journal, `${line}\n`);
    const store = await openRecordsStore(dir);
    expect(JSON.stringify(await store.record(1))).toBe(line);
    await store.acknowledge(acknowledgement(2));
    expect((await allRecords(store)).map((r) => JSON.stringify(r))[0]).toBe(line);
    expect(store.index.count).toBe(2);
    await store.close();
  });
});
