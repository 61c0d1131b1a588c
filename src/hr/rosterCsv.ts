import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Employee } from "../schemas/employee.ts";
import { calendarDate, email, firstProblem, text } from "../schemas/fields.ts";
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

/** What each cell must hold: the same field rules as everywhere else (src/schemas/fields.ts). */
const cell = (fix: string) => text(fix, { max: 200, singleLine: true });
const FIELDS = Object.entries({
  id: cell("the employee's id; every employee needs one"),
  name: cell("the employee's full name"),
  email: email("the employee's work email, e.g. ada@yourcompany.com"),
  department: cell("the employee's department"),
  startDate: calendarDate("the first working day as YYYY-MM-DD, e.g. 2026-02-01"),
  // May be empty: not every employee has a manager on file.
  manager: z.literal("").or(cell("the manager's name, or leave it empty")),
} satisfies Record<Exclude<keyof Employee, "managerEmail" | "onLeave">, z.ZodType>) as [keyof Employee, z.ZodType][]; // the roster's manager email and on leave columns come with their parser

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
    for (const [key, field] of FIELDS) {
      const problem = firstProblem(field.safeParse(employee[key]));
      if (problem) report(key, problem);
    }
    const earlier = firstRowOf.get(employee.id);
    if (employee.id && earlier) report("id", `repeats ${employee.id} from row ${earlier}. Keep one row per employee.`);
    if (employee.id && !earlier) firstRowOf.set(employee.id, row);
    employees.push({ ...employee, email: employee.email.toLowerCase() });
  });
  return { employees: problems.length ? [] : employees, problems };
}
