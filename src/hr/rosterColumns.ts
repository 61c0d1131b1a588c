import { z } from "zod";
import type { Employee } from "../schemas/employee.ts";
import { calendarDate, email, text } from "../schemas/fields.ts";

/** A roster column: the Employee field it fills, the name HR sees, the header spellings it takes. */
export interface RosterColumn {
  key: keyof Employee;
  header: string;
  /** Header cells as matched: lower case, letters only ("Start date" is "startdate"). */
  aliases: string[];
  /** Optional columns may be absent from the file; their cells may be empty. */
  optional?: boolean;
  /** The cell's rule: the same field rules as everywhere else (src/schemas/fields.ts). */
  field: z.ZodType;
}

const cell = (fix: string) => text(fix, { max: 200, singleLine: true });
const orEmpty = (field: z.ZodType) => z.literal("").or(field);

/** "yes" and "no" as HR sheets write them; empty is no. */
export const ON_LEAVE_YES = ["yes", "y", "true", "1", "x"];
export const ON_LEAVE_NO = ["", "no", "n", "false", "0"];

export const ROSTER_COLUMNS: RosterColumn[] = [
  {
    key: "id",
    header: "id",
    aliases: ["id", "employeeid", "employeenumber"],
    field: cell("the employee's id; every employee needs one"),
  },
  { key: "name", header: "name", aliases: ["name", "fullname"], field: cell("the employee's full name") },
  {
    key: "email",
    header: "email",
    aliases: ["email", "emailaddress", "workemail"],
    field: email("the employee's work email, e.g. ada@yourcompany.com"),
  },
  {
    key: "department",
    header: "department",
    aliases: ["department", "dept", "team"],
    field: cell("the employee's department"),
  },
  {
    key: "startDate",
    header: "start date",
    aliases: ["startdate", "start", "hiredate"],
    field: calendarDate("the first working day as YYYY-MM-DD, e.g. 2026-02-01"),
  },
  // Not every employee has a manager on file, and not every HR system exports one.
  {
    key: "manager",
    header: "manager",
    aliases: ["manager", "linemanager"],
    optional: true,
    field: orEmpty(cell("the manager's name, or leave it empty")),
  },
  {
    key: "managerEmail",
    header: "manager email",
    aliases: ["manageremail", "linemanageremail"],
    optional: true,
    field: orEmpty(email("the manager's work email, or leave it empty")),
  },
  {
    key: "onLeave",
    header: "on leave",
    aliases: ["onleave", "leave"],
    optional: true,
    field: z.string().refine((value) => [...ON_LEAVE_YES, ...ON_LEAVE_NO].includes(value.toLowerCase()), {
      error: (issue) =>
        `is ${JSON.stringify(issue.input)}, not yes or no. Write yes for an employee on leave, or leave it empty.`,
    }),
  },
];

export const REQUIRED_HEADERS = ROSTER_COLUMNS.filter((c) => !c.optional).map((c) => c.header);
export const OPTIONAL_HEADERS = ROSTER_COLUMNS.filter((c) => c.optional).map((c) => c.header);

/** A header cell as the aliases are written. */
export const headerKey = (cell: string): string => cell.toLowerCase().replace(/[^a-z]/g, "");
