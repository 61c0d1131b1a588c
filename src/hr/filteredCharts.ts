import type { StatusRow } from "./report.ts";

/** A bar of missed choices: how many, and how many learners made them. */
export interface Missed {
  label: string;
  count: number;
  learners: number;
}

export interface FilteredCharts {
  /** Acknowledgements per month (YYYY-MM) by the employees shown. */
  perMonth: Map<string, number>;
  /** Missed choices by clause, most often missed first, and by department, by name. */
  missedByClause: Missed[];
  missedByDepartment: Missed[];
}

/**
 * The charts of the employees the filters keep, from every record that counts for them (every
 * acknowledgement, onboarding and refreshers alike), so that each chart shows what the table shows.
 * A learner counts once per bar however often they missed it.
 */
export function filteredCharts(rows: readonly StatusRow[]): FilteredCharts {
  const perMonth = new Map<string, number>();
  const byClause = new Map<string, { count: number; learners: Set<string> }>();
  const byDepartment = new Map<string, { count: number; learners: Set<string> }>();
  const tally = (map: typeof byClause, key: string, who: string) => {
    const bar = map.get(key) ?? { count: 0, learners: new Set<string>() };
    bar.count++;
    bar.learners.add(who);
    map.set(key, bar);
  };
  for (const { employee, histories } of rows)
    for (const history of histories)
      history.forEachMonth((month, missed) => {
        perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
        for (const clause of missed) {
          tally(byClause, clause, employee.id);
          tally(byDepartment, employee.department, employee.id);
        }
      });
  const bars = (map: typeof byClause) =>
    [...map].map(([label, { count, learners }]) => ({ label, count, learners: learners.size }));
  return {
    perMonth,
    missedByClause: bars(byClause).sort(
      (a, b) => b.count - a.count || a.label.localeCompare(b.label, "en", { numeric: true }),
    ),
    missedByDepartment: bars(byDepartment).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

const MONTH = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-01" as "Jan 2026". */
export const monthLabel = (month: string): string => MONTH.format(new Date(`${month}-01T00:00:00Z`));
