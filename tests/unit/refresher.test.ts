import { describe, expect, it } from "vitest";
import { refresherQuiz } from "../../src/course/refresher.ts";
import { quarterOf } from "../../src/lib/quarters.ts";
import { shippedCourse } from "../support/courseFixture.ts";

const bank = shippedCourse("refresher").scenarios;
const quiz = (learnerId: string, quarter: string, missed?: string[]) =>
  refresherQuiz(bank, { learnerId, quarter, size: 5, missedClauses: missed ? new Set(missed) : undefined });
const sectionsOf = (ids: string[]) =>
  new Set(ids.flatMap((id) => bank.find((s) => s.id === id)?.clauses.map((c) => c.split(".")[0]) ?? []));

describe("refresher selection", () => {
  it("gives the same learner the same quiz all quarter", () => {
    expect(quiz("e-1001", "2026-Q4")).toEqual(quiz("e-1001", "2026-Q4"));
    expect(quiz("e-1001", "2026-Q4")).toHaveLength(5);
    expect(new Set(quiz("e-1001", "2026-Q4")).size).toBe(5);
  });

  it("gives a quiz with none of last quarter's scenarios when the bank allows", () => {
    for (const learner of ["e-1001", "e-1002", "ada@kestrel.example"])
      for (const [previous, current] of [
        ["2026-Q3", "2026-Q4"],
        ["2026-Q4", "2027-Q1"],
        ["2025-Q4", "2026-Q1"],
      ] as const) {
        const overlap = quiz(learner, current).filter((id) => quiz(learner, previous).includes(id));
        expect(overlap, `${learner} ${previous}→${current}`).toEqual([]);
      }
  });

  it("repeats as few of last quarter's scenarios as it must when the bank is small", () => {
    const small = bank.slice(0, 7);
    const pick = (quarter: string) => refresherQuiz(small, { learnerId: "e-1001", quarter, size: 5 });
    const overlap = pick("2026-Q4").filter((id) => pick("2026-Q3").includes(id));
    expect(overlap).toHaveLength(3);
  });

  it("gives different learners different quizzes", () => {
    const quizzes = new Set(["a", "b", "c", "d", "e", "f"].map((id) => quiz(id, "2026-Q4").join()));
    expect(quizzes.size).toBeGreaterThan(3);
  });

  it("spreads a quiz over the policy's sections", () => {
    for (const learner of ["e-1", "e-2", "e-3", "e-4"])
      expect(sectionsOf(quiz(learner, "2026-Q4")).size).toBeGreaterThanOrEqual(5);
  });

  it("favours the clauses the learner missed before", () => {
    const teaches = (clause: string) => bank.filter((s) => s.clauses.includes(clause)).map((s) => s.id);
    // Avoiding last quarter's scenarios comes first, so each clause here is taught outside that quiz.
    const lastQuarter = quiz("e-1001", "2026-Q3");
    for (const clause of ["4.6", "4.8", "4.1"]) {
      expect(
        teaches(clause).some((id) => !lastQuarter.includes(id)),
        clause,
      ).toBe(true);
      expect(quiz("e-1001", "2026-Q4", [clause]).some((id) => teaches(clause).includes(id))).toBe(true);
    }
  });

  it("never asks for more scenarios than the bank has", () => {
    expect(refresherQuiz(bank.slice(0, 3), { learnerId: "x", quarter: "2026-Q4", size: 5 })).toHaveLength(3);
  });

  it("names quarters by calendar quarter, in UTC", () => {
    expect(quarterOf(new Date("2026-01-01T00:00:00Z"))).toBe("2026-Q1");
    expect(quarterOf(new Date("2026-09-30T23:59:59Z"))).toBe("2026-Q3");
    expect(quarterOf(new Date("2026-12-31T12:00:00Z"))).toBe("2026-Q4");
    expect(() => quiz("x", "Q4 2026")).toThrow('"Q4 2026" is not a quarter. Write it as 2026-Q4.');
  });
});
