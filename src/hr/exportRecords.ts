import { Readable } from "node:stream";
import { toPercent } from "../course/scoring.ts";
import type { AcknowledgementRecord } from "../records/record.ts";
import type { Employee } from "../schemas/employee.ts";
import { matchIdentity, rosterLookup, type RosterLookup } from "./rosterMatch.ts";

export const EXPORT_COLUMNS = [
  "record_id",
  "recorded_at",
  "employee_id",
  "name",
  "email",
  "department",
  "roster_employee_id",
  "roster_department",
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
  "prev_hash",
  "record_hash",
] as const;

/**
 * A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe, so that a name like "=HYPERLINK(…)" stays text in Excel.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A record as a CSV row needs it: every field but the scenarios of its result (csvRecordLine.ts reads no more). */
export type CsvRecord = Omit<AcknowledgementRecord, "result"> & {
  result: Omit<AcknowledgementRecord["result"], "scenarios">;
};

/**
 * One record's CSV fields. Its employee id, name, email and department are as recorded (the
 * department, when the record has none, the roster's for that id); roster_employee_id and
 * roster_department are those of the roster employee it counts for (rosterMatch.ts), empty when none.
 */
export function exportRow(record: CsvRecord, roster: RosterLookup): string[] {
  const { owner } = matchIdentity(record.learner, roster.byId, roster.byEmail);
  return [
    record.id,
    record.recordedAt,
    record.learner.id,
    record.learner.name,
    record.learner.email,
    record.learner.department ?? roster.byId.get(record.learner.id)?.department ?? "",
    owner?.id ?? "",
    owner?.department ?? "",
    record.policy.version,
    record.policy.hash,
    record.result.mode,
    String(toPercent(record.result.score)),
    record.result.passed ? "yes" : "no",
    String(record.result.attempt),
    record.result.attemptId,
    record.learner.selfAsserted ? "self-asserted" : "single sign-on",
    record.signature,
    record.source,
    record.prevHash,
    record.hash,
  ].map(neutraliseCell);
}

export interface ExportOptions {
  format: "csv" | "json";
  /** Start a CSV with a UTF-8 byte order mark, which Excel needs to read accents correctly. */
  bom?: boolean;
}

/** Records held in memory, or batches of them read from disk (journalBatches). */
export type RecordSource = Iterable<AcknowledgementRecord> | AsyncIterable<readonly AcknowledgementRecord[]>;

const inBatches = (source: RecordSource) => (Symbol.asyncIterator in source ? source : [source]);

/**
 * Streams records as CSV (RFC 4180: every field quoted where needed, CRLF line ends) or as a JSON
 * array, in chunks of about 64 KB, so that the size of the history does not change the memory used.
 */
export function exportStream(records: RecordSource, roster: readonly Employee[], options: ExportOptions): Readable {
  const lookup = rosterLookup(roster);
  return Readable.from(
    options.format === "json"
      ? textChunks(
          records,
          "[",
          (record, i) => `${i ? ",\n" : "\n"}${JSON.stringify(record)}`,
          (count) => (count ? "\n]\n" : "]\n"),
        )
      : textChunks(
          records,
          csvHead(options),
          (record) => csvLine(exportRow(record, lookup)),
          () => "",
        ),
  );
}

/** The CSV's first line: the column names, after a byte order mark when asked. */
export function csvHead(options: Pick<ExportOptions, "bom">): string {
  return (options.bom ? "\uFEFF" : "") + csvLine(EXPORT_COLUMNS);
}

/** One CSV line (RFC 4180): a field holding a quote, comma or line break is quoted, its quotes doubled. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(",")}\r\n`;
}

// Text goes out in chunks of about 64 KB: a stream write per record would cost more than the record,
// and one write for a whole in-memory history would hold all of it as one string. (CSV is written here
// rather than with a library: quoting is the whole of the format, and a general writer took half of
// the 10 s budget for a million records.)
async function* textChunks(
  records: RecordSource,
  head: string,
  text: (record: AcknowledgementRecord, index: number) => string,
  tail: (count: number) => string,
) {
  let chunk = head;
  let count = 0;
  for await (const batch of inBatches(records))
    for (const record of batch) {
      chunk += text(record, count++);
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = "";
      }
    }
  yield chunk + tail(count);
}
