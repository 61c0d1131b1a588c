import { RecordSchema } from "../records/record.ts";
import { parseRecordLine } from "../records/recordLine.ts";
import type { CsvRecord } from "./exportRecords.ts";

// Why the CSV export reads records its own way: a record's bulk (nine tenths of its 3.5 KB) is
// result.scenarios, every scenario and outcome, which the CSV does not show, and building all those
// objects was most of the time of exporting a million records. So the scenarios array is found by a
// scan of the line's structure (strings and escapes honoured, brackets matched), replaced by [], and
// the rest is parsed and checked against the record's own strict schema: every field the CSV shows
// is checked exactly as a full read checks it, and comes from the same JSON.parse of the same text.
// Whenever the scan or the check fails in any way, the line is read in full (parseRecordLine), which
// refuses a damaged line with the usual message. What goes unseen here is damage that stays inside
// the brackets of the scenarios array (a wrong outcome, a broken number there): the CSV shows none of
// it, and npm run verify and the server's start check every field of every record.

/** The record on one journal line, read for the CSV; a damaged line is refused as parseRecordLine refuses it. */
export function readCsvRecord(file: string, line: string, number: number, fix: string): CsvRecord {
  const skipped = withoutScenarios(line);
  if (skipped !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(skipped);
    } catch {
      value = undefined;
    }
    if (value !== undefined && RecordSchema.safeParse(value).success) return value as CsvRecord;
  }
  return parseRecordLine(file, line, number, fix);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

// What the last key read names: whether the value after it is the one the scan looks for.
const NO_KEY = 0;
const RESULT_KEY = 1;
const SCENARIOS_KEY = 2;
const OTHER_KEY = 3;

/**
 * `line` with the value of `result.scenarios` replaced by `[]`, or undefined when the scan cannot
 * find it: no top-level object, no "result" object in it with a "scenarios" list, a string that
 * never closes, brackets that do not match or nest deeper than a record's scenarios do. Keys are
 * compared as written, so a key spelt with escapes is not found (the full read then takes the line).
 */
export function withoutScenarios(line: string): string | undefined {
  let depth = 0;
  let inResult = false; // whether the object open at depth 2 is the top-level "result"
  let key = NO_KEY; // the key the next value belongs to
  for (let at = 0; at < line.length;) {
    const code = line.charCodeAt(at);
    if (code === QUOTE) {
      const end = stringEnd(line, at);
      if (end === -1) return undefined;
      const colon = skipSpace(line, end);
      if (line.charCodeAt(colon) === COLON) {
        key =
          depth === 1 && isText(line, at, end, "result")
            ? RESULT_KEY
            : depth === 2 && inResult && isText(line, at, end, "scenarios")
              ? SCENARIOS_KEY
              : OTHER_KEY;
        at = colon + 1;
      } else {
        key = NO_KEY;
        at = end;
      }
    } else if (code === OPEN_OBJECT || code === OPEN_LIST) {
      if (depth === 0 && code !== OPEN_OBJECT) return undefined;
      if (key === SCENARIOS_KEY && code === OPEN_LIST) {
        const end = listEnd(line, at);
        return end === -1 ? undefined : `${line.slice(0, at)}[]${line.slice(end)}`;
      }
      depth++;
      if (depth === 2) inResult = key === RESULT_KEY && code === OPEN_OBJECT;
      key = NO_KEY;
      at++;
    } else if (code === CLOSE_OBJECT || code === CLOSE_LIST) {
      if (--depth < 0) return undefined;
      key = NO_KEY;
      at++;
    } else {
      if (!isSpace(code)) key = NO_KEY;
      at++;
    }
  }
  return undefined;
}

// A JSON string, its escapes honoured; text without strings or brackets; and lists and objects
// nested up to `depth` deep in these, their brackets matched. The scenarios list holds objects that
// hold lists of objects, so three levels inside it: a valid record never goes deeper, and a line
// that does is read in full. (One regular expression rather than a loop over the characters: the
// scenarios are nine tenths of the line, and V8 runs it in native code.)
const STRING = String.raw`"[^"\\]*(?:\\[\s\S][^"\\]*)*"`;
const PLAIN = String.raw`[^"[\]{}]*`;
function nested(depth: number): string {
  if (depth === 0) return `${PLAIN}(?:${STRING}${PLAIN})*`;
  const inner = nested(depth - 1);
  return `${PLAIN}(?:(?:${STRING}|\\[${inner}\\]|\\{${inner}\\})${PLAIN})*`;
}
const SCENARIOS_LIST = new RegExp(`\\[${nested(3)}\\]`, "y");

/** Just past the scenarios list that opens at `start`; -1 when its brackets do not match or nest too deep. */
function listEnd(line: string, start: number): number {
  SCENARIOS_LIST.lastIndex = start;
  return SCENARIOS_LIST.test(line) ? SCENARIOS_LIST.lastIndex : -1;
}

/** Just past the string whose opening quote is at `start`; -1 when it never closes. */
function stringEnd(line: string, start: number): number {
  for (let from = start + 1; ;) {
    const quote = line.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (line.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1; // an escaped backslash before it does not escape it
    from = quote + 1;
  }
}

/** Whether the string from quote `start` to just past quote `end` is `text`, written without escapes. */
function isText(line: string, start: number, end: number, text: string): boolean {
  return end - start - 2 === text.length && line.startsWith(text, start + 1);
}

function skipSpace(line: string, at: number): number {
  while (isSpace(line.charCodeAt(at))) at++;
  return at;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
