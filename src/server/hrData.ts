import published from "virtual:aup/published";
import {
  completionByDepartment,
  completionsOverTime,
  filterRows,
  mostMissedClauses,
  pageOf,
  statusRows,
  type ReportFilters,
} from "../hr/report.ts";
import { parseRosterCsv, type RosterFileShape, type RosterProblem } from "../hr/rosterCsv.ts";
import type { Status } from "../hr/status.ts";
import type { RosterChange } from "../records/rosterMerge.ts";
import type { Employee } from "../schemas/employee.ts";
import { recordsStore } from "./storeRegistry.ts";

const { policy } = published;

const STATUSES: Status[] = ["complete", "due", "overdue"];

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
      result: statusRows(roster, store.index.learners(), {
        policyHash: policy.hash,
        effectiveDate: policy.effectiveDate,
        onboardingWindowDays: policy.organisation.course.onboardingWindowDays,
        today,
      }),
    };
  return { store, ...statusCache.result };
}

/** Everything the dashboard shows for `today`: totals and charts over everyone, one page of the table. */
export async function dashboardData(
  filters: ReportFilters & { page: number },
  today = new Date().toISOString().slice(0, 10),
) {
  const { store, rows, flagged } = await currentStatus(today);
  const shown = filterRows(rows, filters);
  const overdue = shown.filter((r) => r.status === "overdue");
  return {
    page: pageOf(shown, filters.page, PAGE_SIZE),
    overdue: { rows: overdue.slice(0, OVERDUE_SHOWN), total: overdue.length },
    flagged,
    departments: [...new Set(rows.map((r) => r.employee.department))].sort(),
    versions: store.index.versions().sort(),
    completion: completionByDepartment(shown),
    overTime: completionsOverTime(store.index.perMonth, today),
    missed: mostMissedClauses(store.index.missedByClause),
    recordCount: store.index.count,
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
