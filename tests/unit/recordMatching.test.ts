import { describe, expect, it } from "vitest";
import { statusRows } from "../../src/hr/report.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { indexOf, recordAt } from "../support/records.ts";

const employee = (id: string, name: string): Employee => ({
  id,
  name,
  email: `${name.toLowerCase()}@kestrel.example`,
  department: "Risk",
  startDate: "2026-10-01",
  manager: "",
});
const ada = employee("E-1", "Ada");
const alan = employee("E-2", "Alan");
const grace = employee("E-3", "Grace");
const HASH = "a".repeat(64);
const rules = { policyHash: HASH, effectiveDate: "2026-10-01", onboardingWindowDays: 14, today: "2026-10-20" };

const ackBy = (id: string, email: string, selfAsserted: boolean) =>
  recordAt(1, "2026-10-05T09:00:00.000Z", {
    learner: { id, name: "Someone", email, selfAsserted },
    policy: { version: "1.0.0", hash: HASH },
  });

function statuses(records: ReturnType<typeof ackBy>[]) {
  const { rows, flagged } = statusRows([ada, alan, grace], indexOf(records).learners(), rules);
  return {
    status: Object.fromEntries(rows.map((r) => [r.employee.name, r.status])),
    flagged: flagged.map((f) => f.reason),
  };
}

describe("which employee a record counts for", () => {
  it("is the one whose id a typed identity carries, and the one whose email single sign-on vouches for", () => {
    expect(
      statuses([ackBy("E-1", "someone@elsewhere.example", true), ackBy("unknown", "alan@kestrel.example", false)]),
    ).toEqual({
      status: { Ada: "complete", Alan: "complete", Grace: "overdue" },
      flagged: [],
    });
  });

  it("is no one when its id and email belong to two employees, and HR is told", () => {
    expect(statuses([ackBy("E-1", "alan@kestrel.example", true)])).toEqual({
      status: { Ada: "overdue", Alan: "overdue", Grace: "overdue" },
      flagged: ["employee id E-1 is Ada's but alan@kestrel.example is Alan's: counted for neither"],
    });
    expect(statuses([ackBy("E-2", "ada@kestrel.example", false)]).flagged).toEqual([
      "employee id E-2 is Alan's but ada@kestrel.example is Ada's: counted for neither",
    ]);
  });

  it("is no one when it matches no one on the roster, and HR is told", () => {
    expect(statuses([ackBy("E-9", "zoe@kestrel.example", true)]).flagged).toEqual([
      "matches no one on the roster (employee id E-9, zoe@kestrel.example)",
    ]);
  });
});
