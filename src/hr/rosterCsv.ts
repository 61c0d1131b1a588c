import { parse } from "csv-parse/sync";
import type { Employee } from "../schemas/employee.ts";
import { ROSTER_MAX_ROWS as MAX_ROWS } from "./rosterLimits.ts";

export interface RosterProblem {
  /** Line of the file, counted from 1 (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

export function formatRosterProblem({ row, column, message }: RosterProblem): string {
  return `row ${row}, column ${column}: ${message}`;
}

const COLUMNS: { key: keyof Employee; header: string; aliases: string[] }[] = [
  { key: "id", header: "id", aliases: ["id", "employeeid", "employeenumber"] },
  { key: "name", header: "name", aliases: ["name", "fullname"] },
  { key: "email", header: "email", aliases: ["email", "emailaddress", "workemail"] },
  { key: "department", header: "department", aliases: ["department", "dept", "team"] },
  { key: "startDate", header: "start date", aliases: ["startdate", "start", "hiredate"] },
  { key: "manager", header: "manager", aliases: ["manager", "linemanager"] },
];

/**
 * Reads an HR roster CSV (id, name, email, department, start date, manager; header names are
 * matched loosely, a UTF-8 BOM is fine). Every problem names its row and column; the roster is
 * only usable when there are none.
 */
export function parseRosterCsv(text: string): { employees: Employee[]; problems: RosterProblem[] } {
  let rows: string[][];
  try {
    const parsed: unknown = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
    rows = parsed as string[][]; // without `columns`, csv-parse gives one array of cells per row
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      employees: [],
      problems: [
        {
          row: line,
          column: "-",
          message: `is not valid CSV (${(error as Error).message.split(":")[0]}). Save the sheet as CSV (UTF-8) and try again.`,
        },
      ],
    };
  }
  const [header = [], ...body] = rows;
  const normalised = header.map((h) => h.toLowerCase().replace(/[^a-z]/g, ""));
  const positions = new Map<keyof Employee, number>();
  const problems: RosterProblem[] = [];
  for (const column of COLUMNS) {
    const at = normalised.findIndex((h) => column.aliases.includes(h));
    if (at === -1)
      problems.push({
        row: 1,
        column: column.header,
        message: `is missing from the header. The first row must name the columns: ${COLUMNS.map((c) => c.header).join(", ")}.`,
      });
    else positions.set(column.key, at);
  }
  if (problems.length) return { employees: [], problems };
  if (body.length > MAX_ROWS)
    return {
      employees: [],
      problems: [
        {
          row: MAX_ROWS + 2,
          column: "-",
          message: `is past the limit of ${MAX_ROWS} employees per file. Split the roster into several files.`,
        },
      ],
    };

  const employees: Employee[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    const value = (key: keyof Employee) => cells[positions.get(key) ?? -1] ?? "";
    const report = (key: keyof Employee, message: string) =>
      problems.push({ row, column: COLUMNS.find((c) => c.key === key)?.header ?? key, message });
    const employee = Object.fromEntries(COLUMNS.map(({ key }) => [key, value(key)])) as unknown as Employee;
    for (const { key } of COLUMNS) {
      const cell = employee[key];
      // eslint-disable-next-line no-control-regex -- control characters break exports and displays
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(cell))
        report(key, "contains control characters. Retype the value.");
      else if (cell.length > 200) report(key, "is longer than 200 characters.");
    }
    if (!employee.id) report("id", "is empty. Every employee needs an id.");
    if (!employee.name) report("name", "is empty. Write the employee's full name.");
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(employee.email))
      report("email", `is not an email address (${JSON.stringify(employee.email)}).`);
    if (!isIsoDate(employee.startDate))
      report("startDate", `is not a date in the form YYYY-MM-DD (${JSON.stringify(employee.startDate)}).`);
    if (!employee.department) report("department", "is empty. Write the employee's department.");
    const earlier = firstRowOf.get(employee.id);
    if (employee.id && earlier) report("id", `repeats ${employee.id} from row ${earlier}. Keep one row per employee.`);
    if (employee.id && !earlier) firstRowOf.set(employee.id, row);
    employees.push({ ...employee, email: employee.email.toLowerCase() });
  });
  return { employees: problems.length ? [] : employees, problems };
}

/** A real calendar date as YYYY-MM-DD: 2026-02-30 and 2026-13-01 are not. */
function isIsoDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}
