import { stringify } from "csv-stringify";
import { Readable } from "node:stream";
import type { AcknowledgementRecord } from "../records/record.ts";
import type { Employee } from "./employee.ts";

export const EXPORT_COLUMNS = [
  "record_id",
  "recorded_at",
  "employee_id",
  "name",
  "email",
  "department",
  "policy_version",
  "policy_hash",
  "mode",
  "score_percent",
  "passed",
  "attempt",
  "attempt_id",
  "identity",
  "signature",
  "source",
  "record_hash",
] as const;

/**
 * A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe, so that a name like "=HYPERLINK(…)" stays text in Excel.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function exportRow(record: AcknowledgementRecord, departments: ReadonlyMap<string, string>): string[] {
  return [
    record.id,
    record.recordedAt,
    record.learner.id,
    record.learner.name,
    record.learner.email,
    record.learner.department ?? departments.get(record.learner.id) ?? "",
    record.policy.version,
    record.policy.hash,
    record.result.mode,
    String(Math.round(record.result.score * 100)),
    record.result.passed ? "yes" : "no",
    String(record.result.attempt),
    record.result.attemptId,
    record.learner.selfAsserted ? "self-asserted" : "single sign-on",
    record.signature,
    record.source,
    record.hash,
  ].map(neutraliseCell);
}

export interface ExportOptions {
  format: "csv" | "json";
  /** Start a CSV with a UTF-8 byte order mark, which Excel needs to read accents correctly. */
  bom?: boolean;
}

/**
 * Streams records as CSV (RFC 4180: every field quoted where needed, CRLF line ends) or as a JSON
 * array, one record at a time, so that the size of the history does not change the memory used.
 */
export function exportStream(
  records: AsyncIterable<AcknowledgementRecord> | Iterable<AcknowledgementRecord>,
  roster: readonly Employee[],
  options: ExportOptions,
): Readable {
  const departments = new Map(roster.map((e) => [e.id, e.department]));
  if (options.format === "json") return Readable.from(jsonLines(records));
  const csv = stringify({
    header: true,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: "\r\n",
    bom: options.bom ?? false,
    quoted_match: /[",\r\n]/,
  });
  const source = Readable.from(rows(records, departments));
  source.on("error", (error) => csv.destroy(error));
  return source.pipe(csv);
}

async function* rows(
  records: AsyncIterable<AcknowledgementRecord> | Iterable<AcknowledgementRecord>,
  departments: ReadonlyMap<string, string>,
) {
  for await (const record of records) yield exportRow(record, departments);
}

async function* jsonLines(records: AsyncIterable<AcknowledgementRecord> | Iterable<AcknowledgementRecord>) {
  yield "[";
  let first = true;
  for await (const record of records) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}
