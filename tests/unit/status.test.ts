import { describe, expect, it } from "vitest";
import type { Employee } from "../../src/schemas/employee.ts";
import { employeeStatus, type StatusRules } from "../../src/hr/status.ts";
import type { RecordSummary } from "../../src/records/recordsIndex.ts";

const CURRENT = "c".repeat(64);
const OLD = "o".repeat(64);
const employee = (startDate: string): Employee => ({
  id: "E-1",
  name: "Ada",
  email: "ada@kestrel.example",
  department: "Risk",
  startDate,
  manager: "",
});
const record = (recordedAt: string, hash = CURRENT, mode: RecordSummary["mode"] = "onboarding"): RecordSummary =>
  ({
    seq: 1,
    recordedAt: `${recordedAt}T10:00:00.000Z`,
    mode,
    policy: { version: "1", hash },
    attemptId: "a",
    missed: [],
  }) as unknown as RecordSummary;
const rules = (today: string, effectiveDate = "2026-01-05"): StatusRules => ({
  policyHash: CURRENT,
  effectiveDate,
  onboardingWindowDays: 14,
  today,
});

describe("employee status", () => {
  it("gives a new hire the onboarding window: due on its last day, overdue the day after", () => {
    expect(employeeStatus(employee("2026-11-02"), [], rules("2026-11-16"))).toMatchObject({
      status: "due",
      dueBy: "2026-11-16",
    });
    expect(employeeStatus(employee("2026-11-02"), [], rules("2026-11-17"))).toMatchObject({
      status: "overdue",
      reason: "has not acknowledged the policy; it was due by 2026-11-16",
    });
  });

  it("counts the window from the effective date of a new version for existing staff", () => {
    const earlier = [record("2025-12-01", OLD)];
    expect(employeeStatus(employee("2020-01-01"), earlier, rules("2026-11-10", "2026-11-01"))).toMatchObject({
      status: "due",
      dueBy: "2026-11-15",
      reason: "has not acknowledged the new policy version; due by 2026-11-15",
    });
    expect(employeeStatus(employee("2020-01-01"), earlier, rules("2026-11-16", "2026-11-01"))).toMatchObject({
      status: "overdue",
    });
  });

  it("is not complete with refreshers alone: onboarding is done once, whatever the refreshers say", () => {
    const refreshers = [record("2026-10-01", CURRENT, "refresher")];
    expect(employeeStatus(employee("2026-10-01"), refreshers, rules("2026-10-10"))).toMatchObject({
      status: "due",
      reason: "has done only a refresher, never the onboarding course; due by 2026-10-15",
    });
    expect(employeeStatus(employee("2026-10-01"), refreshers, rules("2026-12-31"))).toMatchObject({
      status: "overdue",
    });
    const later = [record("2025-10-01", OLD), ...refreshers];
    expect(employeeStatus(employee("2025-10-01"), later, rules("2026-12-31"))).toMatchObject({ status: "complete" });
  });

  it("is complete with an acknowledgement of the current version this quarter", () => {
    expect(employeeStatus(employee("2026-10-01"), [record("2026-10-01")], rules("2026-12-31"))).toMatchObject({
      status: "complete",
    });
  });

  it("makes the refresher due on the first day of the next quarter, until its end", () => {
    expect(employeeStatus(employee("2026-01-01"), [record("2026-09-30")], rules("2026-10-01"))).toMatchObject({
      status: "due",
      dueBy: "2026-12-31",
    });
    expect(employeeStatus(employee("2026-01-01"), [record("2026-09-30")], rules("2026-12-31"))).toMatchObject({
      status: "due",
    });
  });

  it("is overdue once a whole quarter passed without a refresher, across a year end", () => {
    expect(employeeStatus(employee("2026-01-01"), [record("2026-09-30")], rules("2027-01-01"))).toMatchObject({
      status: "overdue",
      reason: "no refresher since 2026-09-30; one is due each quarter",
    });
    expect(employeeStatus(employee("2026-01-01"), [record("2026-12-31")], rules("2027-03-31"))).toMatchObject({
      status: "due",
      dueBy: "2027-03-31",
    });
  });
});
