import published from "virtual:aup/published";
import {
  completionByDepartment,
  completionsOverTime,
  filterRows,
  mostMissedClauses,
  statusRows,
  type ReportFilters,
} from "../hr/report.ts";
import { parseRosterCsv, type RosterProblem } from "../hr/rosterCsv.ts";
import type { Status } from "../hr/status.ts";
import type { RosterChange } from "../records/rosterMerge.ts";
import { recordsStore } from "./storeRegistry.ts";

const { policy } = published;

const STATUSES: Status[] = ["complete", "due", "overdue"];

/** Filters from a query string; unknown values are ignored rather than refused (they come from a form). */
export function filtersFrom(params: URLSearchParams): ReportFilters {
  const status = params.get("status") as Status | null;
  return {
    department: params.get("department") || undefined,
    status: status && STATUSES.includes(status) ? status : undefined,
    version: params.get("version") || undefined,
  };
}

/** Everything the dashboard shows, computed from the roster and the journal for `today`. */
export async function dashboardData(filters: ReportFilters, today = new Date().toISOString().slice(0, 10)) {
  const store = await recordsStore();
  const records = store.records();
  const rows = statusRows(store.roster(), records, {
    policyHash: policy.hash,
    effectiveDate: policy.effectiveDate,
    onboardingWindowDays: policy.organisation.course.onboardingWindowDays,
    today,
  });
  const shown = filterRows(rows, filters);
  return {
    rows: shown,
    departments: [...new Set(rows.map((r) => r.employee.department))].sort(),
    versions: [...new Set(records.map((r) => r.policy.version))].sort(),
    completion: completionByDepartment(shown),
    overTime: completionsOverTime(records, today),
    missed: mostMissedClauses(records),
    recordCount: records.length,
  };
}

/** Imports a roster CSV: all rows or none. Returns the row problems, or what changed. */
export async function importRoster(csv: string): Promise<{ problems: RosterProblem[] } | { change: RosterChange }> {
  const { employees, problems } = parseRosterCsv(csv);
  if (problems.length) return { problems };
  const store = await recordsStore();
  return { change: await store.importRoster(employees) };
}
