import { describe, expect, it } from "vitest";
import { refresherPlan, refresherQuiz } from "../../src/course/refresher.ts";
import { missedBefore } from "../../src/hr/report.ts";
import type { Outcome } from "../../src/schemas/scenario.ts";
import { recordAt } from "../../scripts/harness/acknowledgementFixture.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { indexOf } from "../support/records.ts";

const attempt = (learner: string, recordedAt: string, outcomes: [string, Outcome][]) =>
  recordAt(1, recordedAt, {
    learner: { id: learner, name: learner, email: `${learner}@kestrel.example`, selfAsserted: false },
    result: {
      mode: "refresher",
      score: 0.5,
      passed: false,
      attempt: 1,
      attemptId: "a1",
      scenarios: [{ id: "s", score: 0.5, outcomes: outcomes.map(([clause, outcome]) => ({ clause, outcome })) }],
    },
  });

describe("a learner's history for the refresher", () => {
  const records = indexOf([
    attempt("ada", "2026-07-02T09:00:00.000Z", [
      ["3.4", "incorrect"],
      ["5.3", "partial"],
      ["2.1", "correct"],
    ]),
    attempt("ada", "2026-09-30T23:59:59.000Z", [["3.4", "incorrect"]]),
    attempt("ada", "2026-10-01T00:00:00.000Z", [["7.2", "incorrect"]]), // this quarter: not counted
    attempt("alan", "2026-08-01T09:00:00.000Z", [["4.1", "incorrect"]]), // someone else
  ]);

  it("is the clauses they missed in earlier quarters, most often missed first", () => {
    expect(missedBefore(records.learnersWithId("ada"), "2026-Q4")).toEqual(["3.4", "5.3"]);
    expect(missedBefore(records.learnersWithId("ada"), "2027-Q1")).toEqual(["3.4", "5.3", "7.2"]);
    expect(missedBefore(records.learnersWithId("ada"), "2026-Q3")).toEqual([]);
    expect(missedBefore(records.learnersWithId("grace"), "2026-Q4")).toEqual([]);
  });

  it("steers the refresher plan towards those clauses", () => {
    const course = shippedCourse("refresher");
    // A learner of every product: the quiz draws from the whole bank.
    const start = { learnerId: "ada@kestrel.example", quarter: "2026-Q4", audiences: course.productAudiences };
    const plain = refresherPlan(course, start);
    // A clause that this quarter's quiz would otherwise leave out.
    const missed = course.scenarios.find((s) => !plain.includes(s.id))?.clauses[0] ?? "";
    const favoured = refresherPlan(course, { ...start, missedClauses: [missed] });
    expect(favoured).toEqual(
      refresherQuiz(course.scenarios, { ...start, size: course.refresherSize, missedClauses: new Set([missed]) }),
    );
    expect(favoured).not.toEqual(plain);
    expect(favoured.some((id) => course.scenarios.find((s) => s.id === id)?.clauses.includes(missed))).toBe(true);
  });
});
