import published from "virtual:aup/published";
import {
  completionByDepartment,
  completionsOverTime,
  filterRows,
  pageOf,
  rowsForExport,
  statusRows,
  type ReportFilters,
} from "../hr/report.ts";
import { parseRosterCsv, type RosterFileShape, type RosterProblem } from "../hr/rosterCsv.ts";
import { filteredCharts, type FilteredCharts } from "../hr/filteredCharts.ts";
import { releaseRules } from "../hr/releaseRules.ts";
import { STATUSES, statusRules, type Status } from "../hr/status.ts";
import type { RosterChange } from "../records/rosterMerge.ts";
import type { Employee } from "../schemas/employee.ts";
import { recordsStore } from "./storeRegistry.ts";

const { policy } = published;
// Who owes an update course rather than the whole one, and which texts still count (minor releases).
const releases = releaseRules(published.releases, policy);

/** Employees per page of the dashboard's table: a page is what HR reads, not every row. */
export const PAGE_SIZE = 50;
/** Overdue employees listed before the link to all of them. */
export const OVERDUE_SHOWN = 20;

/** Filters from a query string; unknown values are ignored rather than refused (they come from a form). */
export function filtersFrom(params: URLSearchParams): ReportFilters & { page: number } {
  const status = params.get("status") as Status | null;
  return {
    department: params.get("department") || undefined,
    status: status && STATUSES.includes(status) ? status : undefined,
    version: params.get("version") || undefined,
    search: params.get("q")?.trim().slice(0, 200) || undefined,
    page: Number(params.get("page")) || 1,
  };
}

/**
 * Every employee's status, worked out once for each state of the records, the roster and the day:
 * views of the dashboard in between (pages, filters) reuse it.
 */
let statusCache: { key: string; roster: readonly Employee[]; result: ReturnType<typeof statusRows> } | undefined;

async function currentStatus(today: string) {
  const store = await recordsStore();
  const roster = store.roster();
  const key = `${store.index.count}|${today}`;
  if (statusCache?.key !== key || statusCache.roster !== roster)
    statusCache = {
      key,
      roster,
      result: statusRows(roster, store.index.learners(), statusRules(policy, today, releases)),
    };
  return { store, ...statusCache.result };
}

/** Clauses in the missed-clauses chart. */
export const MISSED_SHOWN = 10;

/**
 * The charts of the last few filters asked for, for the current status: reading every record of
 * the employees shown is the costly part of a view, and HR pages through one filter at a time.
 */
const chartCache = new Map<string, FilteredCharts>();
let chartCacheFor: object | undefined;

/** `all`: every row of the current status, whose identity says when the status was worked out again. */
function chartsFor(all: object, filters: ReportFilters, shown: Parameters<typeof filteredCharts>[0]) {
  if (chartCacheFor !== all) {
    chartCache.clear(); // new records, roster or day: every filter's charts change
    chartCacheFor = all;
  }
  const key = JSON.stringify([filters.department, filters.status, filters.version, filters.search]);
  let charts = chartCache.get(key);
  if (!charts) {
    if (chartCache.size >= 16) chartCache.delete(chartCache.keys().next().value as string);
    chartCache.set(key, (charts = filteredCharts(shown)));
  }
  return charts;
}

/** Everything the dashboard shows for `today`: totals and charts of the employees the filters keep, one page of the table. */
export async function dashboardData(
  filters: ReportFilters & { page: number },
  today = new Date().toISOString().slice(0, 10),
) {
  const { store, rows, flagged } = await currentStatus(today);
  const shown = filterRows(rows, filters);
  const overdue = shown.filter((r) => r.status === "overdue");
  const charts = chartsFor(rows, filters, shown);
  return {
    page: pageOf(shown, filters.page, PAGE_SIZE),
    overdue: { rows: overdue.slice(0, OVERDUE_SHOWN), total: overdue.length },
    flagged,
    departments: [...new Set(rows.map((r) => r.employee.department))].sort(),
    versions: store.index.versions().sort(),
    completion: completionByDepartment(shown),
    overTime: completionsOverTime(charts.perMonth, today),
    missedByClause: charts.missedByClause.slice(0, MISSED_SHOWN),
    missedByDepartment: charts.missedByDepartment,
    recordCount: store.index.count,
    rosterSize: rows.length,
    today,
  };
}

/**
 * Imports a roster CSV: all rows or none. With `sync`, the file is the whole roster: employees
 * missing from it are marked left. Returns the problems (and how the file was read), or what changed.
 */
export async function importRoster(
  csv: string,
  { sync = false, today = new Date().toISOString().slice(0, 10) }: { sync?: boolean; today?: string } = {},
): Promise<{ problems: RosterProblem[]; shape: RosterFileShape } | { change: RosterChange }> {
  const { employees, problems, shape } = parseRosterCsv(csv);
  if (problems.length) return { problems, shape };
  const store = await recordsStore();
  return { change: await store.importRoster(employees, sync ? { today } : undefined) };
}

/** The status of every employee the filters keep (the whole roster without filters), for the status export. */
export async function statusExportRows(filters: ReportFilters, today = new Date().toISOString().slice(0, 10)) {
  return rowsForExport((await currentStatus(today)).rows, filters);
}

/** Marks one employee as left today, or back; the employee as now, or undefined when no one has `id`. */
export async function markLeaver(id: string, left: boolean, today = new Date().toISOString().slice(0, 10)) {
  return (await recordsStore()).markLeaver(id, left ? today : undefined);
}
