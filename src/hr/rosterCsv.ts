import type { Employee } from "../schemas/employee.ts";
import { firstProblem } from "../schemas/fields.ts";
import { delimiterName, detectDelimiter, fileRecords, splitLine } from "./csvCells.ts";
import { headerKey, ON_LEAVE_YES, OPTIONAL_HEADERS, REQUIRED_HEADERS, ROSTER_COLUMNS } from "./rosterColumns.ts";
import { ROSTER_MAX_ROWS as MAX_ROWS } from "./rosterLimits.ts";
import { countOf } from "../lib/plural.ts";

export interface RosterProblem {
  /** Line of the file, counted from 1 (the header is line 1). */
  row: number;
  column: string;
  message: string;
}

export function formatRosterProblem({ row, column, message }: RosterProblem): string {
  return column === "-" ? `row ${row}: ${message}` : `row ${row}, column ${column}: ${message}`;
}

/** What the roster import found the file to be: shown beside the problems, so HR sees what was read. */
export interface RosterFileShape {
  delimiter: string;
  /** The header cells as read. */
  header: string[];
}

/**
 * Reads an HR roster CSV: id, name, email, department, start date, and optionally manager, manager
 * email and on leave. Header names are matched loosely; commas, semicolons or tabs separate the
 * cells (found from the header); a UTF-8 BOM is fine. Every problem of the file is reported at once,
 * each naming its row and column; the roster is only usable when there are none.
 */
export function parseRosterCsv(text: string): {
  employees: Employee[];
  problems: RosterProblem[];
  shape: RosterFileShape;
} {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const headerAt = lines.findIndex((line) => line.trim() !== "");
  const delimiter = detectDelimiter(lines[headerAt] ?? "");
  const problems: RosterProblem[] = [];
  const headerCells = splitLine(lines[headerAt] ?? "", delimiter);
  const header = "cells" in headerCells ? headerCells.cells : [];
  const shape = { delimiter: delimiterName(delimiter), header };
  if ("problem" in headerCells) problems.push({ row: headerAt + 1, column: "-", message: headerCells.problem });

  const keys = header.map(headerKey);
  const positions = new Map(
    ROSTER_COLUMNS.map((column) => [column, keys.findIndex((k) => column.aliases.includes(k))] as const),
  );
  const missing = ROSTER_COLUMNS.filter((c) => !c.optional && positions.get(c) === -1).map((c) => c.header);
  if (headerAt === -1)
    problems.push({ row: 1, column: "-", message: "the file is empty. Export the roster again, with its header row." });
  else if (missing.length && "cells" in headerCells)
    problems.push({ row: headerAt + 1, column: "-", message: headerMessage(missing, shape) });

  const body = [...fileRecords(text.replace(/^\uFEFF/, ""), delimiter, headerAt + 1, header.length)];
  if (body.length > MAX_ROWS)
    return {
      employees: [],
      problems: [
        {
          row: body[MAX_ROWS]?.row ?? MAX_ROWS + 2,
          column: "-",
          message: `this row is past the limit of ${MAX_ROWS} employees per file. Split the roster into several files.`,
        },
      ],
      shape,
    };

  const employees: Employee[] = [];
  const firstRowOfId = new Map<string, number>();
  const firstRowOfEmail = new Map<string, number>();
  for (const { row, split } of body) {
    if ("problem" in split) {
      problems.push({ row, column: "-", message: split.problem });
      continue;
    }
    const employee: Record<string, string> = {};
    for (const [column, at] of positions) {
      if (at === -1) continue;
      const value = split.cells[at] ?? "";
      const problem = firstProblem(column.field.safeParse(value));
      if (problem) problems.push({ row, column: column.header, message: problem });
      employee[column.key] = value;
    }
    const id = employee.id ?? "";
    const email = (employee.email ?? "").toLowerCase();
    const repeated = (seen: Map<string, number>, value: string, what: string, column: string) => {
      const earlier = seen.get(value);
      if (value && earlier)
        problems.push({
          row,
          column,
          message: `repeats ${what} ${value} from row ${earlier}. Keep one row per employee.`,
        });
      else if (value) seen.set(value, row);
    };
    repeated(firstRowOfId, id, "the id", "id");
    // Records behind single sign-on are matched by email: two employees with one email would share them.
    repeated(firstRowOfEmail, email, "the email", "email");
    employees.push(employeeOf(employee));
  }
  return { employees: problems.length ? [] : employees, problems, shape };
}

/** The missing columns, the header as read and the header wanted, side by side. */
function headerMessage(missing: string[], { delimiter, header }: RosterFileShape): string {
  const read = header.map((h) => JSON.stringify(h)).join(", ");
  return (
    `the header lacks ${missing.join(", ")}. It reads ${countOf(header.length, "column")} separated by ${delimiter}: ${read}. ` +
    `It needs: ${REQUIRED_HEADERS.join(", ")}; it may also have: ${OPTIONAL_HEADERS.join(", ")}. Rename the columns in the first row and import again.`
  );
}

/** The cells of a row as the store keeps an employee: optional fields only when they say something. */
function employeeOf(cells: Record<string, string>): Employee {
  const text = (key: string) => cells[key] ?? "";
  const employee: Employee = {
    id: text("id"),
    name: text("name"),
    email: text("email").toLowerCase(),
    department: text("department"),
    startDate: text("startDate"),
    manager: text("manager"),
  };
  if (text("managerEmail")) employee.managerEmail = text("managerEmail").toLowerCase();
  if (ON_LEAVE_YES.includes(text("onLeave").toLowerCase())) employee.onLeave = true;
  return employee;
}
