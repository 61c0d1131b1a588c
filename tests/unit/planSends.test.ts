import path from "node:path";
import { describe, expect, it } from "vitest";
import { statusRows } from "../../src/hr/report.ts";
import { publish } from "../../src/published/published.ts";
import { planSends } from "../../src/reminders/planSends.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { indexOf, recordAt } from "../support/records.ts";

const { reminders: kit } = publish({ contentDir: path.resolve("content"), scenariosDir: path.resolve("scenarios") });
const settings = kit.settings!;

const employee = (id: string, extra: Partial<Employee> = {}): Employee => ({
  id,
  name: `Name ${id}`,
  email: `${id.toLowerCase()}@kestrel.example`,
  department: "Risk",
  startDate: "2026-01-01",
  manager: "Grace Hopper",
  managerEmail: "grace@kestrel.example",
  ...extra,
});

/** The sends planned for `today` for employees whose onboarding records were made at `onboarded`. */
function plan(roster: Employee[], onboarded: Record<string, string>, today: string) {
  const records = Object.entries(onboarded).map(([id, at], i) =>
    recordAt(i + 1, at, {
      learner: { id, name: `Name ${id}`, email: `${id.toLowerCase()}@kestrel.example`, selfAsserted: true },
    }),
  );
  const { rows } = statusRows(roster, indexOf(records).learners(), { ...kit.policy, today });
  return planSends(rows, { settings, durations: kit.durations, policyVersion: kit.policy.remindedVersion, today });
}

describe("planning reminders from the status", () => {
  it("reminds of a refresher 5 business days before the quarter ends", () => {
    const sends = plan([employee("R-1")], { "R-1": "2026-01-10T10:00:00.000Z" }, "2026-06-23");
    expect(sends.filter((s) => s.kind !== "digest")).toEqual([
      expect.objectContaining({ kind: "due", to: "r-1@kestrel.example", key: "R-1|1.0.0|2026-06-30|due" }),
    ]);
    expect(plan([employee("R-1")], { "R-1": "2026-01-10T10:00:00.000Z" }, "2026-06-22")).toHaveLength(1); // 6 business days ahead: the digest only
  });

  it("links each email to the course the employee owes, with how long it takes", () => {
    const refresher = plan([employee("R-1")], { "R-1": "2026-01-10T10:00:00.000Z" }, "2026-06-23")[0];
    expect(refresher?.values).toMatchObject({
      "course.link": "https://aup.kestrel.example/refresher",
      "course.duration": kit.durations.refresher,
    });
    // A new hire owes the whole course: the email gives its time without products and with them all.
    const newHire = plan([employee("N-2", { startDate: "2026-02-10" })], {}, "2026-02-17")[0];
    expect(newHire).toMatchObject({ kind: "due" });
    expect(newHire?.values["course.link"]).toBe("https://aup.kestrel.example/course");
    expect(newHire?.values["course.duration"]).toMatch(
      /^about \d+ to \d+ minutes, or about \d+ to \d+ minutes if you also use Claude Code, Cowork agents and the Claude API$/,
    );
    expect(kit.durations.refresher).toMatch(/^about \d+ to \d+ minutes$/);
  });

  it("counts a refresher missed for a whole quarter as overdue since that quarter ended, and escalates", () => {
    // Onboarded in 2025-Q3; no refresher in Q4: overdue since 31 December 2025.
    const sends = plan([employee("R-2")], { "R-2": "2025-08-01T10:00:00.000Z" }, "2026-02-17");
    expect(sends.map((s) => [s.kind, s.to, s.key])).toEqual([
      ["overdue", "r-2@kestrel.example", "R-2|1.0.0|2026-03-31|overdue-7"],
      ["escalation", "grace@kestrel.example", "R-2|1.0.0|2026-03-31|escalation"],
      ["digest", "hr@kestrel.example", "hr-digest|hr@kestrel.example|week-of-2026-02-16"],
    ]);
    expect(sends[0]?.values).toMatchObject({
      "employee.dueBy": "31 December 2025",
      "employee.daysOverdue": "34 business days",
    });
  });

  it("leaves out employees on leave and those complete, and tells HR who has no manager on file", () => {
    const roster = [employee("L-1", { onLeave: true }), employee("C-1"), employee("N-1", { managerEmail: undefined })];
    const sends = plan(roster, { "C-1": "2026-02-10T10:00:00.000Z" }, "2026-02-17");
    expect(sends.map((s) => [s.kind, s.to])).toEqual([
      ["overdue", "n-1@kestrel.example"],
      ["digest", "hr@kestrel.example"],
    ]);
    expect(sends[1]?.values["digest.overdueList"]).toBe(
      "- Name N-1 (n-1@kestrel.example), Risk: 21 business days overdue, due by 2026-01-19; no manager email on the roster, so no one was told",
    );
  });
});
