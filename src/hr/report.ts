import { quarterStart } from "../lib/quarters.ts";
import type { LearnerHistory, RecordSummary } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import { employeeStatus, type EmployeeStatus, type Status, type StatusRules } from "./status.ts";
import { matchIdentity } from "./rosterMatch.ts";
import { statusFlags, type StatusFlag } from "./statusFlags.ts";

export interface StatusRow extends EmployeeStatus {
  employee: Employee;
  /** How many of the employee's records count for them. */
  attempts: number;
  flags: StatusFlag[];
  /** The identities whose records count for the employee: the charts read their records. */
  histories: readonly LearnerHistory[];
}

/** Records HR must look at: they count for nobody. */
export interface FlaggedIdentity {
  learner: LearnerHistory;
  /** Why, in words HR can act on. */
  reason: string;
}

export interface ReportFilters {
  department?: string;
  status?: Status;
  /** Policy version of the employee's latest acknowledgement. */
  version?: string;
  /** Part of a name, email or employee id, any case. */
  search?: string;
}

/**
 * Each roster employee's status. A record counts for one employee (matchIdentity says which); one
 * whose id and email belong to two different employees counts for neither and is flagged, as is
 * one that matches no one on the roster.
 */
export function statusRows(
  roster: readonly Employee[],
  learners: Iterable<LearnerHistory>,
  rules: StatusRules,
): { rows: StatusRow[]; flagged: FlaggedIdentity[] } {
  const byId = new Map(roster.map((e) => [e.id, e]));
  const byEmail = new Map(roster.map((e) => [e.email.toLowerCase(), e]));
  const learnersOf = new Map<Employee, LearnerHistory[]>();
  const flagged: FlaggedIdentity[] = [];
  for (const learner of learners) {
    const email = learner.email.toLowerCase();
    const { owner, conflict } = matchIdentity(learner, byId, byEmail);
    if (conflict) {
      const [idOwner, emailOwner] = conflict;
      flagged.push({
        learner,
        reason: `employee id ${learner.id} is ${idOwner.name}'s but ${email} is ${emailOwner.name}'s: counted for neither`,
      });
    } else if (owner) learnersOf.set(owner, [...(learnersOf.get(owner) ?? []), learner]);
    else flagged.push({ learner, reason: `matches no one on the roster (employee id ${learner.id}, ${email})` });
  }
  // One employee's records at a time: they are made from the index's columns, and go once judged.
  const rows = roster.map((employee) => {
    const histories = learnersOf.get(employee) ?? [];
    const lists = histories.map((learner) => learner.records());
    const mine = lists.length === 1 ? (lists[0] as RecordSummary[]) : lists.flat().sort((a, b) => a.seq - b.seq);
    return {
      employee,
      ...employeeStatus(employee, mine, rules),
      attempts: mine.length,
      flags: statusFlags(employee, histories, mine),
      histories,
    };
  });
  return { rows, flagged };
}

/** The rows the filters keep. Leavers are shown only when asked for (status "left"). */
export function filterRows(rows: readonly StatusRow[], filters: ReportFilters): StatusRow[] {
  const search = filters.search?.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filters.department || row.employee.department === filters.department) &&
      (filters.status ? row.status === filters.status : row.status !== "left") &&
      (!filters.version || row.lastRecord?.policy.version === filters.version) &&
      (!search ||
        row.employee.name.toLowerCase().includes(search) ||
        row.employee.email.toLowerCase().includes(search) ||
        row.employee.id.toLowerCase().includes(search)),
  );
}

/**
 * The rows a status export holds: every roster employee, leavers included, or those the
 * dashboard's filters keep when any is given.
 */
export function rowsForExport(rows: readonly StatusRow[], filters: ReportFilters): readonly StatusRow[] {
  const filtered = filters.department || filters.status || filters.version || filters.search?.trim();
  return filtered ? filterRows(rows, filters) : rows;
}

/** One page of `items` (pages from 1; a page past the end gives the last one). */
export function pageOf<T>(items: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { items: items.slice((shown - 1) * size, shown * size), page: shown, pages, total: items.length };
}

export interface Completion {
  label: string;
  complete: number;
  total: number;
}

/** Share complete overall and per department, departments by name. */
export function completionByDepartment(rows: readonly StatusRow[]): { overall: Completion; departments: Completion[] } {
  rows = rows.filter((r) => r.status !== "left"); // leavers are out of the figures
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
  perMonth: ReadonlyMap<string, number>,
  today: string,
  months = 12,
): { month: string; count: number }[] {
  const [year = 0, month = 1] = today.split("-").map(Number);
  return Array.from({ length: months }, (_, i) => {
    const label = new Date(Date.UTC(year, month - months + i, 1)).toISOString().slice(0, 7);
    return { month: label, count: perMonth.get(label) ?? 0 };
  });
}

/** Clauses behind choices that were not fully correct, most often missed first. */
export function mostMissedClauses(
  missedByClause: ReadonlyMap<string, number>,
  limit = 10,
): { clause: string; count: number }[] {
  return [...missedByClause]
    .map(([clause, count]) => ({ clause, count }))
    .sort((a, b) => b.count - a.count || a.clause.localeCompare(b.clause, "en", { numeric: true }))
    .slice(0, limit);
}

/**
 * The clauses one learner missed in quarters before `quarter`, most often missed first: their
 * refresher favours them. Only earlier quarters count, so that the quiz stays the same all quarter.
 */
export function missedBefore(histories: Iterable<LearnerHistory>, quarter: string): string[] {
  const start = quarterStart(quarter);
  const counts = new Map<string, number>();
  for (const learner of histories)
    for (const record of learner.records())
      if (record.recordedAt < start)
        for (const clause of record.missed) counts.set(clause, (counts.get(clause) ?? 0) + 1);
  return mostMissedClauses(counts, Infinity).map(({ clause }) => clause);
}
