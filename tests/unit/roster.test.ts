import { describe, expect, it } from "vitest";
import type { Employee } from "../../src/schemas/employee.ts";
import { formatRosterProblem, parseRosterCsv } from "../../src/hr/rosterCsv.ts";
import { ROSTER_MAX_ROWS } from "../../src/hr/rosterLimits.ts";
import { mergeRoster } from "../../src/records/rosterMerge.ts";

const HEADER = "Employee ID,Full name,Email,Department,Start date,Line manager";

describe("roster CSV import", () => {
  it("reads a roster with loosely named headers, a BOM and quoted fields", () => {
    const csv = `\uFEFF${HEADER}\r\nE-1,"Lovelace, Ada",Ada@Kestrel.example,Risk,2026-11-02,Grace Hopper\r\nE-2,Alan Turing,alan@kestrel.example,Engineering,2024-03-01,"Hopper, Grace"\r\n`;
    const { employees, problems } = parseRosterCsv(csv);
    expect(problems).toEqual([]);
    expect(employees).toEqual([
      {
        id: "E-1",
        name: "Lovelace, Ada",
        email: "ada@kestrel.example",
        department: "Risk",
        startDate: "2026-11-02",
        manager: "Grace Hopper",
      },
      {
        id: "E-2",
        name: "Alan Turing",
        email: "alan@kestrel.example",
        department: "Engineering",
        startDate: "2024-03-01",
        manager: "Hopper, Grace",
      },
    ]);
  });

  it("names the row and column of every problem and imports nothing", () => {
    const csv = [
      HEADER,
      "E-1,Ada,ada@kestrel.example,Risk,2026-11-02,Grace",
      ",Nobody,not-an-email,,02/11/2026,",
      "E-1,Ada again,ada2@kestrel.example,Risk,2026-02-30,Grace",
      "E-4,Eve\u0007,eve@kestrel.example,Ops,2026-01-01,",
      "E-5,Mo,mo@kestrel.example,Ops,2026-13-01,",
    ].join("\n");
    const { employees, problems } = parseRosterCsv(csv);
    expect(employees).toEqual([]);
    expect(problems.map(formatRosterProblem)).toMatchInlineSnapshot(`
      [
        "row 3, column id: is empty. Write the employee's id; every employee needs one.",
        "row 3, column email: is not an email address ("not-an-email"). Write the employee's work email, e.g. ada@yourcompany.com.",
        "row 3, column department: is empty. Write the employee's department.",
        "row 3, column start date: is not a date in the form YYYY-MM-DD ("02/11/2026"). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
        "row 4, column start date: 2026-02-30 is not a real date (February 2026 has 28 days). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
        "row 4, column id: repeats the id E-1 from row 2. Keep one row per employee.",
        "row 5, column name: contains control characters (a tab or line break, say). Retype it on one line.",
        "row 6, column start date: 2026-13-01 is not a real date (there is no month 13). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
      ]
    `);
  });

  it("says which columns the header lacks", () => {
    expect(parseRosterCsv("id,name,email\nE-1,Ada,ada@kestrel.example\n").problems.map(formatRosterProblem))
      .toMatchInlineSnapshot(`
      [
        "row 1: the header lacks department, start date. It reads 3 columns separated by commas: "id", "name", "email". It needs: id, name, email, department, start date; it may also have: manager, manager email, on leave. Rename the columns in the first row and import again.",
      ]
    `);
  });

  it("refuses a file with more employees than the limit, naming the first row past it", () => {
    const rows = Array.from(
      { length: ROSTER_MAX_ROWS + 1 },
      (_, n) => `E-${n},P,p${n}@kestrel.example,Ops,2026-01-01,`,
    );
    const { employees, problems } = parseRosterCsv(`${HEADER}\n${rows.join("\n")}\n`);
    expect(employees).toEqual([]);
    expect(problems.map(formatRosterProblem)).toEqual([
      `row ${ROSTER_MAX_ROWS + 2}: this row is past the limit of ${ROSTER_MAX_ROWS} employees per file. Split the roster into several files.`,
    ]);
  });

  it("updates employees on re-import instead of duplicating them", () => {
    const roster: Employee[] = [];
    const first = parseRosterCsv(
      `${HEADER}\nE-1,Ada,ada@kestrel.example,Risk,2026-11-02,Grace\nE-2,Alan,alan@kestrel.example,Eng,2024-03-01,Grace\n`,
    ).employees;
    expect(mergeRoster(roster, first)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const second = parseRosterCsv(
      `${HEADER}\nE-1,Ada,ada@kestrel.example,Compliance,2026-11-02,Grace\nE-2,Alan,alan@kestrel.example,Eng,2024-03-01,Grace\nE-3,Grace,grace@kestrel.example,Eng,2020-01-01,\n`,
    ).employees;
    expect(mergeRoster(roster, second)).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(roster.map((e) => `${e.id}:${e.department}`)).toEqual(["E-1:Compliance", "E-2:Eng", "E-3:Eng"]);
  });
});
