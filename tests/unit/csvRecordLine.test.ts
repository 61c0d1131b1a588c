import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvRecord, withoutScenarios } from "../../src/hr/csvRecordLine.ts";
import { csvLine, exportRow } from "../../src/hr/exportRecords.ts";
import { rosterLookup } from "../../src/hr/rosterMatch.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { parseRecordLine } from "../../src/records/recordLine.ts";
import { recordAt } from "../support/records.ts";

const FILE = "/data/acknowledgements.jsonl";
const FIX = "Run npm run verify, and restore the journal from a backup.";
const roster = rosterLookup([
  { id: "E-7", name: "Ada", email: "ada@kestrel.example", department: "Risk", startDate: "2026-01-01", manager: "" },
]);

/** What the CSV gets from a line read one way: its row, or the message it was refused with. */
function outcome(read: () => Parameters<typeof exportRow>[0]): string {
  try {
    return csvLine(exportRow(read(), roster));
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}
const fast = (line: string) => outcome(() => readCsvRecord(FILE, line, 7, FIX));
const full = (line: string) => outcome(() => parseRecordLine(FILE, line, 7, FIX));

/** Text that is hard on a scan of JSON's structure: brackets, quotes, escapes, a key's spelling, unicode. */
const tricky = fc.oneof(
  fc.string({
    unit: fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", " ", "a", "é", "漢", "😀", "\n", "\u2028", "="),
  }),
  fc.constantFrom('"scenarios":[', '\\"scenarios\\":[{', '"result":{"scenarios":[]}', "\\", '\\"', "]}]}"),
  fc.string({ unit: "binary" }),
);

/** Each object's keys in an order drawn from `seed`: a record's fields may be written in any order. */
function reordered(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => reordered(item, seed + i));
  if (value === null || typeof value !== "object") return value;
  let state = seed;
  const entries = Object.entries(value).map(([key, field], i) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return { key, field: reordered(field, seed + i + 1), rank: state };
  });
  return Object.fromEntries(entries.sort((a, b) => a.rank - b.rank).map(({ key, field }) => [key, field]));
}

const records = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    name: tricky,
    email: tricky,
    department: fc.option(tricky, { nil: undefined }),
    employee: fc.oneof(tricky, fc.constant("E-7")),
    signature: tricky,
    attemptId: tricky,
    clause: tricky,
    version: tricky,
    mode: fc.constantFrom("onboarding", "refresher"),
    source: fc.constantFrom("site", "lms"),
    passed: fc.boolean(),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.nat(),
  })
  .map((drawn) => {
    const record = recordAt(drawn.n, "2026-01-31T09:00:00.000Z");
    const scenarios = record.result.scenarios.map((scenario, i) =>
      i === 0
        ? { ...scenario, id: drawn.clause, outcomes: [{ clause: drawn.clause, outcome: "partial" as const }] }
        : scenario,
    );
    const line: AcknowledgementRecord = {
      ...record,
      learner: {
        id: drawn.employee,
        name: drawn.name,
        email: drawn.email,
        ...(drawn.department === undefined ? {} : { department: drawn.department }),
        selfAsserted: drawn.passed,
      },
      policy: { ...record.policy, version: drawn.version },
      result: {
        ...record.result,
        mode: drawn.mode,
        passed: drawn.passed,
        score: drawn.score,
        attemptId: drawn.attemptId,
        scenarios,
      },
      signature: drawn.signature,
      source: drawn.source,
    };
    return { record: line, text: JSON.stringify(reordered(line, drawn.seed)), seed: drawn.seed };
  });

describe("the CSV export's reading of a journal line", () => {
  it("cuts out exactly the result's scenarios, whatever the text around them and the order of the fields", () => {
    fc.assert(
      fc.property(records, ({ record, text, seed }) => {
        const emptied = { ...record, result: { ...record.result, scenarios: [] } };
        expect(withoutScenarios(text)).toBe(JSON.stringify(reordered(emptied, seed)));
      }),
      { numRuns: 300 },
    );
  });

  it("gives exactly the row a full read gives", () => {
    fc.assert(
      fc.property(records, ({ text }) => {
        const row = fast(text);
        expect(row).not.toMatch(/^refused/);
        expect(row).toBe(full(text));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a line damaged anywhere outside the scenarios, or gives the same row, exactly as a full read", () => {
    fc.assert(
      fc.property(
        records,
        fc.nat(),
        fc.constantFrom('"', "\\", "[", "]", "{", "}", ",", ":", "x", "1", " ", ""),
        fc.boolean(),
        ({ text }, at, insert, replace) => {
          const start = text.indexOf('"scenarios":[') + '"scenarios":'.length;
          const end = start + JSON.stringify((JSON.parse(text) as AcknowledgementRecord).result.scenarios).length;
          const position = at % (text.length + 1);
          // Inserting at `start` goes before the list's bracket, at `end` after it: outside the list.
          fc.pre(replace ? position < start || position >= end : position <= start || position >= end);
          const damaged = text.slice(0, position) + insert + text.slice(position + (replace ? 1 : 0));
          expect(fast(damaged)).toBe(full(damaged));
        },
      ),
      { numRuns: 1000 },
    );
  });

  const line = JSON.stringify(recordAt(3, "2026-01-31T09:00:00.000Z"));
  const value = JSON.parse(line) as Record<string, Record<string, unknown>>;
  const without = (object: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(object).filter(([k]) => k !== key));
  const damaged: [string, string][] = [
    ["null", "null"],
    ["a list", "[]"],
    ["an empty object", "{}"],
    ["a line cut short in the scenarios", line.slice(0, line.indexOf('"outcomes"') + 20)],
    ["a line cut short after the scenarios", line.slice(0, -10)],
    ["brackets that do not match in the scenarios", line.replace('"outcomes":[', '"outcomes":{')],
    ["a list that never closes", line.replace('"scenarios":[', '"scenarios":[[')],
    ["a string that never closes", line.replace(',"signature":"', ',"signature":"\\')],
    ["a record without its result", JSON.stringify(without(value, "result"))],
    ["a result without its scenarios", JSON.stringify({ ...value, result: without(value.result ?? {}, "scenarios") })],
    ["scenarios that are not a list", JSON.stringify({ ...value, result: { ...value.result, scenarios: 5 } })],
    ["scenarios that are an object", JSON.stringify({ ...value, result: { ...value.result, scenarios: {} } })],
    ["a name that is a number", JSON.stringify({ ...value, learner: { ...value.learner, name: 7 } })],
    ["a score that is text", JSON.stringify({ ...value, result: { ...value.result, score: "1" } })],
    ["an unknown field", line.replace("{", '{"note":"added later",')],
    ["an unknown field in the result", line.replace('"scenarios":', '"extra":1,"scenarios":')],
    ["a time that is not ISO 8601", line.replace(/"recordedAt":"[^"]+"/, '"recordedAt":"yesterday"')],
    ["a second top-level value", `${line}{}`],
  ];

  it.each(damaged)("refuses %s with the message a full read gives", (_, text) => {
    expect(full(text)).toMatch(/^refused: \/data\/acknowledgements\.jsonl line 7 /);
    expect(fast(text)).toBe(full(text));
  });

  it.each([
    ["spaces between the tokens", JSON.stringify(value, null, 1).replaceAll("\n", " ")],
    ["the scenarios key spelt with an escape", line.replace('"scenarios":', '"scen\\u0061rios":')],
    ["the result key spelt with an escape", line.replace('"result":', '"res\\u0075lt":')],
    ["a name holding the scenarios key", line.replace('"name":"', '"name":"\\"scenarios\\":[\\\\')],
    ["two results, the last one counting", line.replace('"result":', '"result":{"scenarios":[]},"result":')],
  ])("reads a line with %s as a full read does", (_, text) => {
    expect(full(text)).not.toMatch(/^refused/);
    expect(fast(text)).toBe(full(text));
  });

  it("does not look inside the scenarios, which the CSV does not show (npm run verify checks them)", () => {
    const wrongOutcome = line.replace('"outcome":"correct"', '"outcome":"right"');
    expect(full(wrongOutcome)).toMatch(/refused: .*result\.scenarios\.0\.outcomes\.0\.outcome must be/);
    expect(fast(wrongOutcome)).toBe(full(line));
  });
});
