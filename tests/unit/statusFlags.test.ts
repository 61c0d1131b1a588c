import { text } from "node:stream/consumers";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { filteredCharts, monthLabel } from "../../src/hr/filteredCharts.ts";
import { completionByDepartment, filterRows, rowsForExport, statusRows } from "../../src/hr/report.ts";
import { STATUS_EXPORT_COLUMNS, statusExportStream } from "../../src/hr/statusExport.ts";
import type { AcknowledgementRecord, NewAcknowledgement } from "../../src/records/record.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { indexOf, recordAt } from "../support/records.ts";

const HASH = "a".repeat(64);
const rules = { policyHash: HASH, effectiveDate: "2026-01-05", onboardingWindowDays: 14, today: "2026-11-20" };
const person = (id: string, name: string, department = "Risk", extra: Partial<Employee> = {}): Employee => ({
  id,
  name,
  email: `${name.split(" ")[0]?.toLowerCase()}@kestrel.example`,
  department,
  startDate: "2026-01-05",
  manager: "Grace Hopper",
  ...extra,
});
const ada = person("E-1", "Ada Lovelace");
const alan = person("E-2", "Alan Turing", "Engineering");
const mo = person("E-3", "Mo Farah", "Engineering");

/** A record of `who`, typed (form identity) unless `sso`, of `mode`, with the scenarios' clauses missed. */
function ack(
  seq: number,
  at: string,
  who: { id: string; email: string; name: string; signature?: string; sso?: boolean },
  {
    mode = "onboarding",
    missed = [] as string[],
    earlier,
  }: { mode?: "onboarding" | "refresher"; missed?: string[]; earlier?: { clause: string; count: number }[] } = {},
): AcknowledgementRecord {
  const base = recordAt(seq, `${at}T10:00:00.000Z`);
  const fields: Partial<NewAcknowledgement> = {
    learner: { id: who.id, name: who.name, email: who.email, selfAsserted: !who.sso },
    policy: { version: "1.0.0", hash: HASH },
    signature: who.signature ?? who.name,
    result: {
      ...base.result,
      mode,
      score: 0.875,
      attempt: 2,
      scenarios: [
        {
          id: "s-1",
          score: missed.length ? 0.5 : 1,
          outcomes: missed.map((clause) => ({ clause, outcome: "incorrect" as const })),
        },
      ],
      ...(earlier ? { earlierMissed: earlier } : {}),
    },
  };
  return recordAt(seq, `${at}T10:00:00.000Z`, fields);
}

const rowsOf = (roster: Employee[], records: AcknowledgementRecord[]) =>
  statusRows(roster, indexOf(records).learners(), rules).rows;
const byName = (rows: ReturnType<typeof rowsOf>) =>
  Object.fromEntries(rows.map((r) => [r.employee.name, { status: r.status, flags: r.flags }]));

describe("status rules and their flags", () => {
  it("keeps an employee who did only the refresher overdue once the onboarding window passed: it never replaces onboarding", () => {
    const rows = rowsOf([ada], [ack(1, "2026-11-01", { ...ada, sso: true }, { mode: "refresher" })]);
    expect(rows[0]).toMatchObject({
      status: "overdue",
      reason: "has done only a refresher, never the onboarding course; it was due by 2026-01-19",
      attempts: 1,
    });
  });

  it("marks a status that rests on a self-asserted record, and not one vouched for by single sign-on", () => {
    expect(
      byName(rowsOf([ada, alan], [ack(1, "2026-11-02", ada), ack(2, "2026-11-02", { ...alan, sso: true })])),
    ).toEqual({
      "Ada Lovelace": { status: "complete", flags: ["self-asserted"] },
      "Alan Turing": { status: "complete", flags: [] },
    });
  });

  it("flags a typed name, email or id that disagrees with the roster, still counting the record for its one employee", () => {
    const rows = rowsOf(
      [ada, alan, mo],
      [
        ack(1, "2026-11-02", { ...ada, signature: "A. Lovelace" }),
        ack(2, "2026-11-02", { ...alan, email: "alan.t@elsewhere.example" }),
        ack(3, "2026-11-02", { ...mo, id: "OLD-3", sso: true }),
      ],
    );
    expect(byName(rows)).toEqual({
      "Ada Lovelace": { status: "complete", flags: ["self-asserted", "name-mismatch"] },
      "Alan Turing": { status: "complete", flags: ["self-asserted", "email-mismatch"] },
      "Mo Farah": { status: "complete", flags: ["id-mismatch"] },
    });
    // Case and spacing are no mismatch: the signature rule (sameName) ignores them too.
    expect(rowsOf([ada], [ack(1, "2026-11-02", { ...ada, signature: " ada  LOVELACE " })])[0]?.flags).toEqual([
      "self-asserted",
    ]);
  });

  it("takes a leaver out of the figures and the default view, keeping their records", () => {
    const leaver = { ...alan, leftOn: "2026-10-31" };
    const rows = rowsOf([ada, leaver], [ack(1, "2026-03-02", leaver), ack(2, "2026-11-02", ada)]);
    expect(rows.find((r) => r.employee.id === "E-2")).toMatchObject({
      status: "left",
      reason: "left on 2026-10-31; kept with their records, out of the figures and reminders",
      attempts: 1,
      lastRecord: { seq: 1 },
    });
    expect(filterRows(rows, {}).map((r) => r.employee.id)).toEqual(["E-1"]);
    expect(filterRows(rows, { status: "left" }).map((r) => r.employee.id)).toEqual(["E-2"]);
    expect(completionByDepartment(rows).overall).toEqual({ label: "Everyone", complete: 1, total: 1 });
    expect(rowsForExport(rows, {}).map((r) => r.status)).toEqual(["complete", "left"]); // the export holds everyone
  });
});

describe("charts of the employees shown", () => {
  const records = [
    ack(1, "2026-01-10", ada, { missed: ["3.4", "3.4", "5.1"] }),
    ack(2, "2026-04-10", ada, { mode: "refresher", missed: ["3.4"] }),
    ack(3, "2026-02-10", alan, { missed: ["3.4"] }),
    ack(4, "2026-02-11", mo, { missed: ["5.1"] }),
  ];
  const rows = rowsOf([ada, alan, mo], records);

  it("counts missed choices from every record, by clause and by department, with the learners behind each bar", () => {
    const charts = filteredCharts(rows);
    expect(charts.missedByClause).toEqual([
      { label: "3.4", count: 4, learners: 2 },
      { label: "5.1", count: 2, learners: 2 },
    ]);
    expect(charts.missedByDepartment).toEqual([
      { label: "Engineering", count: 2, learners: 2 },
      { label: "Risk", count: 4, learners: 1 },
    ]);
    expect([...charts.perMonth]).toEqual([
      ["2026-01", 1],
      ["2026-04", 1],
      ["2026-02", 2],
    ]);
  });

  it("honours the filters: a department's charts hold only its employees' records", () => {
    const charts = filteredCharts(filterRows(rows, { department: "Engineering" }));
    expect(charts.missedByClause).toEqual([
      { label: "3.4", count: 1, learners: 1 },
      { label: "5.1", count: 1, learners: 1 },
    ]);
    expect(charts.missedByDepartment.map((d) => d.label)).toEqual(["Engineering"]);
    expect([...charts.perMonth]).toEqual([["2026-02", 2]]);
    expect(filteredCharts(filterRows(rows, { search: "lovelace" })).perMonth.get("2026-02")).toBeUndefined();
  });

  it("counts what earlier attempts missed before the one that passed, honouring the filters", () => {
    // Mo failed twice before passing: 13 misses of 2.3 and one of 5.1 in the plays his retries replaced.
    const retried = [
      ...records.slice(0, 3),
      ack(4, "2026-02-11", mo, {
        missed: ["5.1"],
        earlier: [
          { clause: "2.3", count: 13 },
          { clause: "5.1", count: 1 },
        ],
      }),
    ];
    const charts = filteredCharts(filterRows(rowsOf([ada, alan, mo], retried), { department: "Engineering" }));
    expect(charts.missedByClause).toEqual([
      { label: "2.3", count: 13, learners: 1 },
      { label: "5.1", count: 2, learners: 1 },
      { label: "3.4", count: 1, learners: 1 },
    ]);
    expect(charts.missedByDepartment).toEqual([{ label: "Engineering", count: 16, learners: 2 }]);
  });

  it("names months in words", () => {
    expect(monthLabel("2026-01")).toBe("Jan 2026");
    expect(monthLabel("2025-12")).toBe("Dec 2025");
  });
});

describe("the status export", () => {
  const evil = person("E-4", '=HYPERLINK("http://x")', "+Sales", { manager: "@boss" });
  const rows = rowsOf(
    [ada, alan, evil, { ...mo, leftOn: "2026-10-01" }],
    [ack(1, "2026-11-02", ada), ack(2, "2026-05-02", { ...alan, sso: true })],
  );

  it("has a row for every roster employee with the agreed columns, formula-neutralised", async () => {
    const csv = await text(statusExportStream(rows, { format: "csv", today: rules.today }));
    const rowsRead: string[][] = parse(csv);
    const [header = [], ...lines] = rowsRead;
    expect(header).toEqual([...STATUS_EXPORT_COLUMNS]);
    expect(header).toEqual([
      "employee_id",
      "name",
      "email",
      "department",
      "manager",
      "start_date",
      "status",
      "due_date",
      "days_overdue",
      "last_record_id",
      "last_version",
      "last_mode",
      "last_recorded_at",
      "last_score_percent",
      "attempts",
      "flags",
      "reason",
    ]);
    const byId = Object.fromEntries(
      lines.map((l): [string, Record<string, string | undefined>] => [
        l[0] ?? "",
        Object.fromEntries(header.map((h, i) => [h, l[i]])),
      ]),
    );
    expect(byId["E-1"]).toMatchObject({
      status: "complete",
      last_record_id: "ack-000001",
      last_version: "1.0.0",
      last_mode: "onboarding",
      last_recorded_at: "2026-11-02T10:00:00.000Z",
      last_score_percent: "88",
      attempts: "1",
      flags: "self-asserted",
      days_overdue: "",
    });
    // Acknowledged in Q2 2026: the Q3 refresher was due by 30 September, 51 days before 20 November.
    expect(byId["E-2"]).toMatchObject({ status: "overdue", days_overdue: "51", due_date: "2026-12-31", flags: "" });
    expect(byId["E-3"]).toMatchObject({ status: "left", attempts: "0" });
    expect(byId["E-4"]).toMatchObject({
      name: '\'=HYPERLINK("http://x")',
      department: "'+Sales",
      manager: "'@boss",
      status: "overdue",
      days_overdue: "305", // onboarding due by 19 January 2026
      last_record_id: "",
    });
  });

  it("gives JSON with numbers as numbers and nulls for what is not there, the text as it is", async () => {
    const json = JSON.parse(await text(statusExportStream(rows, { format: "json", today: rules.today }))) as Record<
      string,
      unknown
    >[];
    expect(json).toHaveLength(4);
    expect(json[2]).toMatchObject({
      employee_id: "E-4",
      name: '=HYPERLINK("http://x")',
      days_overdue: 305,
      last_score_percent: null,
    });
    expect(Object.keys(json[0] ?? {})).toEqual([...STATUS_EXPORT_COLUMNS]);
  });
});
