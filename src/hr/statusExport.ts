import { Readable } from "node:stream";
import { toPercent } from "../course/scoring.ts";
import { recordId } from "../records/record.ts";
import { csvLine, neutraliseCell } from "./exportRecords.ts";
import type { StatusRow } from "./report.ts";
import { daysOverdue } from "./status.ts";

export const STATUS_EXPORT_COLUMNS = [
  "employee_id",
  "name",
  "email",
  "department",
  "manager",
  "start_date",
  "status",
  "due_date",
  "days_overdue",
  "last_record_id",
  "last_version",
  "last_mode",
  "last_recorded_at",
  "last_score_percent",
  "attempts",
  "flags",
  "reason",
] as const;

type Column = (typeof STATUS_EXPORT_COLUMNS)[number];

/** One employee's line of the status export, by column; numbers stay numbers for JSON. */
export function statusFields(row: StatusRow, today: string): Record<Column, string | number | null> {
  const { employee, lastRecord } = row;
  return {
    employee_id: employee.id,
    name: employee.name,
    email: employee.email,
    department: employee.department,
    manager: employee.manager,
    start_date: employee.startDate,
    status: row.status,
    due_date: row.dueBy ?? null,
    days_overdue: row.status === "overdue" && row.wasDueBy ? daysOverdue(row.wasDueBy, today) : null,
    last_record_id: lastRecord ? recordId(lastRecord.seq) : null,
    last_version: lastRecord?.policy.version ?? null,
    last_mode: lastRecord?.mode ?? null,
    last_recorded_at: lastRecord?.recordedAt ?? null,
    last_score_percent: lastRecord ? toPercent(lastRecord.score) : null,
    attempts: row.attempts,
    flags: row.flags.join(" "),
    reason: row.reason,
  };
}

export interface StatusExportOptions {
  format: "csv" | "json";
  /** The day the status is for (YYYY-MM-DD): days overdue count to it. */
  today: string;
  /** Start a CSV with a UTF-8 byte order mark, which Excel needs to read accents correctly. */
  bom?: boolean;
}

/**
 * Every row's status as CSV (formula-neutralised, RFC 4180) or as a JSON array, streamed in chunks
 * of about 64 KB: a roster of 200,000 is never one string.
 */
export function statusExportStream(rows: Iterable<StatusRow>, options: StatusExportOptions): Readable {
  return Readable.from(statusChunks(rows, options));
}

function* statusChunks(rows: Iterable<StatusRow>, { format, today, bom }: StatusExportOptions): Generator<string> {
  let chunk = format === "json" ? "[" : `${bom ? "\uFEFF" : ""}${csvLine(STATUS_EXPORT_COLUMNS)}`;
  let count = 0;
  for (const row of rows) {
    const fields = statusFields(row, today);
    chunk +=
      format === "json"
        ? `${count ? ",\n" : "\n"}${JSON.stringify(fields)}`
        : csvLine(STATUS_EXPORT_COLUMNS.map((column) => neutraliseCell(String(fields[column] ?? ""))));
    count++;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + (format === "json" ? (count ? "\n]\n" : "]\n") : "");
}
