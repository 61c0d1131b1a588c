import { quarterStart } from "../lib/quarters.ts";
import type { AcknowledgementRecord } from "../records/record.ts";
import type { Employee } from "../schemas/employee.ts";
import { employeeStatus, type EmployeeStatus, type Status, type StatusRules } from "./status.ts";

export interface StatusRow extends EmployeeStatus {
  employee: Employee;
}

export interface ReportFilters {
  department?: string;
  status?: Status;
  /** Policy version of the employee's latest acknowledgement. */
  version?: string;
}

/** Each roster employee's status, matching records by employee id or email. */
export function statusRows(
  roster: readonly Employee[],
  records: readonly AcknowledgementRecord[],
  rules: StatusRules,
): StatusRow[] {
  const byKey = new Map<string, AcknowledgementRecord[]>();
  // Append in place: copying the list per record would cost O(n²) for a learner with many records.
  const add = (key: string, record: AcknowledgementRecord) => {
    const list = byKey.get(key);
    if (list) list.push(record);
    else byKey.set(key, [record]);
  };
  for (const record of records) {
    add(`id:${record.learner.id}`, record);
    add(`email:${record.learner.email.toLowerCase()}`, record);
  }
  return roster.map((employee) => {
    const mine = [
      ...new Set([...(byKey.get(`id:${employee.id}`) ?? []), ...(byKey.get(`email:${employee.email}`) ?? [])]),
    ].sort((a, b) => a.seq - b.seq);
    return { employee, ...employeeStatus(employee, mine, rules) };
  });
}

export function filterRows(rows: readonly StatusRow[], filters: ReportFilters): StatusRow[] {
  return rows.filter(
    (row) =>
      (!filters.department || row.employee.department === filters.department) &&
      (!filters.status || row.status === filters.status) &&
      (!filters.version || row.lastRecord?.policy.version === filters.version),
  );
}

export interface Completion {
  label: string;
  complete: number;
  total: number;
}

/** Share complete overall and per department, departments by name. */
export function completionByDepartment(rows: readonly StatusRow[]): { overall: Completion; departments: Completion[] } {
  const tally = (label: string, group: readonly StatusRow[]) => ({
    label,
    complete: group.filter((r) => r.status === "complete").length,
    total: group.length,
  });
  const departments = [...new Set(rows.map((r) => r.employee.department))].sort();
  return {
    overall: tally("Everyone", rows),
    departments: departments.map((d) =>
      tally(
        d,
        rows.filter((r) => r.employee.department === d),
      ),
    ),
  };
}

/** Acknowledgements per month (YYYY-MM), oldest first, the last `months` months ending with `today`'s. */
export function completionsOverTime(
  records: readonly AcknowledgementRecord[],
  today: string,
  months = 12,
): { month: string; count: number }[] {
  const [year = 0, month = 1] = today.split("-").map(Number);
  const labels = Array.from({ length: months }, (_, i) =>
    new Date(Date.UTC(year, month - months + i, 1)).toISOString().slice(0, 7),
  );
  const counts = new Map(labels.map((label) => [label, 0]));
  for (const record of records) {
    const label = record.recordedAt.slice(0, 7);
    if (counts.has(label)) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return labels.map((label) => ({ month: label, count: counts.get(label) ?? 0 }));
}

/** Clauses behind choices that were not fully correct, most often missed first. */
export function mostMissedClauses(
  records: readonly AcknowledgementRecord[],
  limit = 10,
): { clause: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of records)
    for (const scenario of record.result.scenarios)
      for (const { clause, outcome } of scenario.outcomes)
        if (outcome !== "correct") counts.set(clause, (counts.get(clause) ?? 0) + 1);
  return [...counts]
    .map(([clause, count]) => ({ clause, count }))
    .sort((a, b) => b.count - a.count || a.clause.localeCompare(b.clause, "en", { numeric: true }))
    .slice(0, limit);
}

/**
 * The clauses one learner missed in quarters before `quarter`, most often missed first: their
 * refresher favours them. Only earlier quarters count, so that the quiz stays the same all quarter.
 */
export function missedBefore(records: readonly AcknowledgementRecord[], learnerId: string, quarter: string): string[] {
  const start = quarterStart(quarter);
  const earlier = records.filter((record) => record.learner.id === learnerId && record.recordedAt < start);
  return mostMissedClauses(earlier, Infinity).map(({ clause }) => clause);
}
