import { describe, expect, it } from "vitest";
import { factsOf } from "../../src/records/recordsIndex.ts";
import { recordAt } from "../../scripts/harness/acknowledgementFixture.ts";
import { indexOf } from "../support/records.ts";

// The index keeps records as columns of numbers, not objects: each summary it gives back must be
// the record's own facts, whatever their text.
const record = (seq: number, recordedAt: string, mode: "onboarding" | "refresher", version: string, missed: string[]) =>
  recordAt(seq, recordedAt, {
    learner: { id: "e-1", name: "Ada Lovelace", email: "ada@kestrel.example", selfAsserted: false },
    policy: { version, hash: `hash-of-${version}` },
    result: {
      mode,
      score: 0.5,
      passed: false,
      attempt: 1,
      attemptId: `attempt${seq}`,
      scenarios: [
        {
          id: "s",
          score: 0.5,
          outcomes: [
            ...missed.map((clause) => ({ clause, outcome: "incorrect" as const })),
            { clause: "9.9", outcome: "correct" as const },
          ],
        },
      ],
    },
  });

describe("the records index", () => {
  const records = [
    record(1, "2026-07-02T09:00:00.000Z", "onboarding", "1.0.0", ["3.4", "5.3"]),
    // Written by hand or by another tool: not toISOString's form, and kept exactly as it is.
    record(2, "2026-07-03T10:00:00Z", "refresher", "1.1.0", []),
    record(3, "2026-07-04T11:30:00.250+02:00", "refresher", "1.0.0", ["3.4"]),
  ];
  const index = indexOf(records);

  it("gives back each record's facts as they were added", () => {
    expect([...index.facts()]).toEqual(records.map(factsOf));
    expect(index.summary(2)).toMatchObject({
      seq: 2,
      attemptId: "attempt2",
      recordedAt: "2026-07-03T10:00:00Z",
      mode: "refresher",
      missed: [],
    });
    expect(index.summary(3)?.policy).toEqual({ version: "1.0.0", hash: "hash-of-1.0.0" });
    expect(index.summary(4)).toBeUndefined();
  });

  it("finds each record by its attempt, and each identity's records oldest first", () => {
    expect(records.map((r) => index.seqOfAttempt(r.result.attemptId))).toEqual([1, 2, 3]);
    const [learner] = index.learners();
    expect(index.learners()).toHaveLength(1);
    expect(learner?.recordCount).toBe(3);
    expect(learner?.records().map((r) => [r.seq, r.missed])).toEqual([
      [1, ["3.4", "5.3"]],
      [2, []],
      [3, ["3.4"]],
    ]);
    expect(learner?.records()[0]?.learner).toBe(learner);
  });

  it("counts per month and per missed clause, and knows every version", () => {
    expect([...index.perMonth]).toEqual([["2026-07", 3]]);
    expect(Object.fromEntries(index.missedByClause)).toEqual({ "3.4": 2, "5.3": 1 });
    expect(index.versions()).toEqual(["1.0.0", "1.1.0"]);
  });

  it("gives the charts each record's month and missed clauses as its summary has them, without making it", () => {
    const visited: [string, readonly string[]][] = [];
    index.learners()[0]?.forEachMonth((month, missed) => visited.push([month, missed]));
    expect(visited).toEqual(
      index
        .learners()[0]
        ?.records()
        .map((r) => [r.recordedAt.slice(0, 7), r.missed]),
    );
    // Two records of one day share the day's month; the last day of a month is still that month (UTC).
    const edges = indexOf([
      record(1, "2026-07-31T23:59:59.999Z", "refresher", "1.0.0", []),
      record(2, "2026-08-01T00:00:00.000Z", "refresher", "1.0.0", ["3.4"]),
      record(3, "2026-07-31T00:00:00.000Z", "refresher", "1.0.0", []),
    ]);
    const months: string[] = [];
    edges.learners()[0]?.forEachMonth((month) => months.push(month));
    expect(months).toEqual(["2026-07", "2026-08", "2026-07"]);
  });
});
