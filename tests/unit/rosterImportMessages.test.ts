import { describe, expect, it } from "vitest";
import { formatRosterProblem, parseRosterCsv } from "../../src/hr/rosterCsv.ts";

const messages = (csv: string) => parseRosterCsv(csv).problems.map(formatRosterProblem);

describe("a roster import that explains", () => {
  it("reads a semicolon file (Excel's export where the comma is the decimal mark) with a BOM", () => {
    const { employees, problems, shape } = parseRosterCsv(
      "\uFEFFEmployee ID;Full name;Email;Department;Start date;Manager\r\nE-1;Lovelace, Ada;ada@kestrel.example;Risk;2026-01-05;\r\n",
    );
    expect(problems).toEqual([]);
    expect(shape.delimiter).toBe("semicolons");
    expect(employees).toEqual([
      {
        id: "E-1",
        name: "Lovelace, Ada",
        email: "ada@kestrel.example",
        department: "Risk",
        startDate: "2026-01-05",
        manager: "",
      },
    ]);
  });

  it("reads a tab-separated file", () => {
    const { employees, shape } = parseRosterCsv(
      "id\tname\temail\tdepartment\tstart date\nE-1\tAda\tada@kestrel.example\tRisk\t2026-01-05\n",
    );
    expect(shape.delimiter).toBe("tabs");
    expect(employees.map((e) => e.name)).toEqual(["Ada"]);
  });

  it("shows the header it read beside the one it wants, once, rather than a line per column", () => {
    expect(messages("id|name|email|department|start date\nE-1|Ada|ada@kestrel.example|Risk|2026-01-05\n")).toEqual([
      'row 1: the header lacks id, name, email, department, start date. It reads 1 column separated by commas: "id|name|email|department|start date". It needs: id, name, email, department, start date; it may also have: manager, manager email, on leave. Rename the columns in the first row and import again.',
    ]);
  });

  it("reports a broken quote as one problem among the rest of the file's", () => {
    const csv = [
      "id,name,email,department,start date",
      'E-1,"Ada Lovelace,ada@kestrel.example,Risk,2026-01-05',
      "E-2,Alan,not-an-email,Eng,2026-13-01",
      'E-3,"Grace" Hopper,grace@kestrel.example,Eng,2026-01-05',
      "E-4,Mo,mo@kestrel.example,Ops,2026-02-29",
    ].join("\n");
    expect(messages(csv)).toEqual([
      "row 2: a quote opened in cell 2 is never closed. Close it, or remove the stray quote, and import again.",
      'row 3, column email: is not an email address ("not-an-email"). Write the employee\'s work email, e.g. ada@yourcompany.com.',
      "row 3, column start date: 2026-13-01 is not a real date (there is no month 13). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
      "row 4: cell 2 has text after its closing quote. Put the whole cell inside the quotes and import again.",
      "row 5, column start date: 2026-02-29 is not a real date (February 2026 has 28 days). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
    ]);
  });

  it("reads a line break typed inside a quoted cell as part of that cell, refused by its column, not as a broken quote", () => {
    const csv =
      'id,name,email,department,start date\nE-1,"Ada\r\nLovelace",ada@kestrel.example,Risk,2026-01-05\nE-2,Alan,alan@kestrel.example,Eng,2026-01-05\n';
    expect(messages(csv)).toEqual([
      "row 2, column name: contains control characters (a tab or line break, say). Retype it on one line.",
    ]);
  });

  it("checks the cells of the columns it found even when others are missing from the header", () => {
    expect(messages("id,name,email\nE-1,Ada,ada-at-kestrel\n")).toEqual([
      expect.stringMatching(/^row 1: the header lacks department, start date\. /) as string,
      'row 2, column email: is not an email address ("ada-at-kestrel"). Write the employee\'s work email, e.g. ada@yourcompany.com.',
    ]);
  });

  it("takes the optional manager, manager email and on leave columns, or their absence", () => {
    const full = parseRosterCsv(
      "id,name,email,department,start date,line manager,manager email,on leave\nE-1,Ada,ada@kestrel.example,Risk,2026-01-05,Grace Hopper,Grace@Kestrel.example,yes\nE-2,Alan,alan@kestrel.example,Eng,2026-01-05,,,no\n",
    );
    expect(full.problems).toEqual([]);
    expect(full.employees).toEqual([
      {
        id: "E-1",
        name: "Ada",
        email: "ada@kestrel.example",
        department: "Risk",
        startDate: "2026-01-05",
        manager: "Grace Hopper",
        managerEmail: "grace@kestrel.example",
        onLeave: true,
      },
      {
        id: "E-2",
        name: "Alan",
        email: "alan@kestrel.example",
        department: "Eng",
        startDate: "2026-01-05",
        manager: "",
      },
    ]);
    expect(
      messages(
        "id,name,email,department,start date,manager email,on leave\nE-1,Ada,ada@kestrel.example,Risk,2026-01-05,grace-at-kestrel,maybe\n",
      ),
    ).toEqual([
      'row 2, column manager email: is not an email address ("grace-at-kestrel"). Write the manager\'s work email, or leave it empty.',
      'row 2, column on leave: is "maybe", not yes or no. Write yes for an employee on leave, or leave it empty.',
    ]);
  });

  it("refuses two employees with one email: single sign-on records are matched by it", () => {
    expect(
      messages(
        "id,name,email,department,start date\nE-1,Ada,ada@kestrel.example,Risk,2026-01-05\nE-2,Ada B,ADA@kestrel.example,Risk,2026-01-05\n",
      ),
    ).toEqual(["row 3, column email: repeats the email ada@kestrel.example from row 2. Keep one row per employee."]);
  });

  it("says what an empty file is", () => {
    expect(messages("\uFEFF\n\n")).toEqual(["row 1: the file is empty. Export the roster again, with its header row."]);
  });
});
