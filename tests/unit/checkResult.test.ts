import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resultProblems, resultScore, type PublishedCourses } from "../../src/course/checkResult.ts";
import type { CourseDefinition, ProductAudience } from "../../src/course/courseDefinition.ts";
import { acknowledgedResult } from "../../src/course/courseResult.ts";
import { AcknowledgementBodySchema, type AcknowledgementBody } from "../../src/schemas/acknowledgementBody.ts";
import { OUTCOMES } from "../../src/schemas/scenario.ts";
import { acknowledgement } from "../../scripts/harness/acknowledgementFixture.ts";
import { validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { readPolicy, shippedCourse, startCourse } from "../support/courseFixture.ts";

const courses: PublishedCourses = { onboarding: shippedCourse("onboarding"), refresher: shippedCourse("refresher") };
const policy = { version: courses.onboarding.policy.version, hash: courses.onboarding.policy.hash };

type Result = AcknowledgementBody["result"];
const parseResult = (result: unknown): Result => AcknowledgementBodySchema.shape.result.parse(result);

/**
 * Plays the real course machine to its result with the given choices (taken in turn, modulo each
 * question's choices), retrying the missed scenarios up to `retries` times, and returns what the
 * course would send: `acknowledgedResult` of its result.
 */
async function play(course: CourseDefinition, start: object, choices: number[], retries: number): Promise<Result> {
  const { actor } = await startCourse(course);
  actor.send({ type: "course.start", ...start });
  if (course.mode === "onboarding") readPolicy(actor);
  let next = 0;
  for (let round = 0; ; round++) {
    while (actor.getSnapshot().value === "scenarios") {
      const { playing } = actor.getSnapshot().context;
      const node = course.scenarios.find((s) => s.id === playing?.id)?.nodes[playing?.node ?? ""];
      if (playing?.showingFeedback) actor.send({ type: "feedback.continue" });
      else if (node?.type === "end") actor.send({ type: "scenario.finish" });
      else if (node?.type === "question")
        actor.send({ type: "choice.select", index: (choices[next++ % choices.length] ?? 0) % node.choices.length });
      else throw new Error(`The course is stuck at ${JSON.stringify(actor.getSnapshot().value)}`);
    }
    const { result } = actor.getSnapshot().context;
    if (!result) throw new Error("The course ended its scenarios without a result");
    if (result.passed || round >= retries) return parseResult(acknowledgedResult(result));
    actor.send({ type: "course.retry" });
  }
}

const fieldsOf = (result: Result, version = policy.version) =>
  resultProblems({ policy: { ...policy, version }, result }, courses).map((p) => p.field);

/** A genuine onboarding result of a learner who uses every product, every answer correct. */
const genuine = () => parseResult(validBody("genuine01").result);

describe("checking a result against the published course", () => {
  it("accepts every genuine result of random plays through the real onboarding course, passed or not", async () => {
    const products = courses.onboarding.productAudiences;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray<ProductAudience>(products),
        fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 40 }),
        fc.nat({ max: 2 }),
        async (audiences, choices, retries) => {
          const result = await play(courses.onboarding, { audiences }, choices, retries);
          expect(resultProblems({ policy, result }, courses)).toEqual([]);
          expect(resultScore(result)).toBe(result.score);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("accepts every genuine refresher quiz of random learners and quarters", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2024, max: 2030 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat({ max: 11 }), { minLength: 1, maxLength: 20 }),
        async (learnerId, year, q, choices) => {
          const result = await play(courses.refresher, { learnerId, quarter: `${year}-Q${q}` }, choices, 1);
          expect(result.scenarios).toHaveLength(courses.refresher.refresherSize);
          expect(resultProblems({ policy, result }, courses)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("accepts the shared fixtures, which are genuine, passing, varied and about 3.5 KB a record", () => {
    const records = Array.from({ length: 40 }, (_, n) => acknowledgement(n));
    for (const { policy: sent, result } of records) {
      const sentResult: Partial<typeof result> = { ...result };
      delete sentResult.attemptId; // the store adds it; the course does not send it in the result
      expect(resultProblems({ policy: sent, result: parseResult(sentResult) }, courses)).toEqual([]);
      expect(result.passed).toBe(true);
    }
    expect(new Set(records.map((r) => JSON.stringify(r.result.scenarios))).size).toBeGreaterThan(20);
    const size = JSON.stringify(records[1]).length;
    expect(size).toBeGreaterThan(3000);
    expect(size).toBeLessThan(4500);
    expect(fieldsOf(genuine())).toEqual([]);
  });

  it("refuses score 1 with a made-up scenario and no outcomes, naming each field", () => {
    const result = parseResult({
      ...genuine(),
      score: 1,
      scenarios: [{ id: "made-up", score: 1, outcomes: [] }],
    });
    const problems = resultProblems({ policy, result }, courses);
    expect(problems.map((p) => p.field)).toEqual([
      "result.scenarios.0.id",
      "result.scenarios.0.score",
      "result.scenarios",
      "result.score",
    ]);
    expect(problems[0]?.message).toMatch(/"made-up", which is not a scenario of the published onboarding course/);
    expect(problems[2]?.message).toMatch(/^lacks [a-z-]+, .*client-email-summary/);
  });

  it("refuses a version that does not go with the hash", () => {
    const problems = resultProblems({ policy: { ...policy, version: "9.9.9" }, result: genuine() }, courses);
    expect(problems).toEqual([
      {
        field: "policy.version",
        message: expect.stringMatching(/"9\.9\.9", but the policy with this hash is version/) as string,
      },
    ]);
    expect(
      resultProblems({ policy: { ...policy, hash: "b".repeat(64) }, result: genuine() }, courses).map((p) => p.field),
    ).toEqual(["policy.hash"]);
  });

  it("refuses a made-up id among genuine scenarios, and a scenario sent twice", () => {
    const made = genuine();
    made.scenarios[3] = { ...made.scenarios[3]!, id: "made-up" };
    const fields = fieldsOf(made);
    expect(fields).toContain("result.scenarios.3.id");
    expect(fields).toContain("result.scenarios"); // the real scenario 3 is now missing

    const twice = genuine();
    twice.scenarios[5] = twice.scenarios[4]!;
    expect(resultProblems({ policy, result: twice }, courses)).toContainEqual({
      field: "result.scenarios.5.id",
      message: expect.stringMatching(/repeats scenario .* \(already at result\.scenarios\.4\)/) as string,
    });
  });

  it("refuses an outcome that no choice offers at that point of a path, naming the outcome", () => {
    const result = genuine();
    const target = result.scenarios[2]!;
    const scenario = courses.onboarding.scenarios.find((s) => s.id === target.id)!;
    const start = scenario.nodes[scenario.start];
    if (start?.type !== "question") throw new Error("The scenario starts at an end node");
    // A clause the first question never cites, with the outcome of its correct choice.
    const foreign = courses.onboarding.scenarios
      .flatMap((s) => s.clauses)
      .find((clause) => !start.choices.some((c) => c.clause === clause))!;
    target.outcomes[0] = { clause: foreign, outcome: "correct" };
    const problems = resultProblems({ policy, result }, courses);
    expect(problems).toEqual([
      {
        field: "result.scenarios.2.outcomes.0",
        message: expect.stringMatching(
          new RegExp(`is ${foreign} correct, which no choice of scenario "${scenario.id}"`),
        ) as string,
      },
    ]);

    // A clause the first question does cite, with an outcome none of its choices on that clause gives.
    const unoffered = courses.onboarding.scenarios.flatMap((s, i) => {
      const first = s.nodes[s.start];
      if (first?.type !== "question") return [];
      return first.choices.flatMap(({ clause }) =>
        OUTCOMES.filter((o) => !first.choices.some((c) => c.clause === clause && c.outcome === o)).map((outcome) => ({
          i,
          id: s.id,
          clause,
          outcome,
        })),
      );
    })[0];
    expect(unoffered, "a shipped scenario whose first question lacks some outcome for a clause").toBeDefined();
    const wrongOutcome = genuine();
    const at = wrongOutcome.scenarios.findIndex((s) => s.id === unoffered?.id);
    wrongOutcome.scenarios[at]!.outcomes[0] = { clause: unoffered!.clause, outcome: unoffered!.outcome };
    expect(fieldsOf(wrongOutcome)).toContain(`result.scenarios.${at}.outcomes.0`);
  });

  it("refuses outcomes that stop before the scenario ends, and extra outcomes after it ended", () => {
    const short = genuine();
    const cut = short.scenarios[1]!;
    cut.outcomes = cut.outcomes.slice(0, -1);
    cut.score = resultScore({ scenarios: [cut] });
    short.score = resultScore(short);
    expect(resultProblems({ policy, result: short }, courses)).toEqual([
      { field: "result.scenarios.1.outcomes", message: expect.stringMatching(/before scenario .* ends/) as string },
    ]);

    const long = genuine();
    const extended = long.scenarios[1]!;
    extended.outcomes = [...extended.outcomes, extended.outcomes[0]!];
    extended.score = resultScore({ scenarios: [extended] });
    long.score = resultScore(long);
    expect(fieldsOf(long)).toEqual([`result.scenarios.1.outcomes.${extended.outcomes.length - 1}`]);
  });

  it("refuses an onboarding result missing a required scenario, or only some of a product's", () => {
    const { onboarding } = courses;
    const required = onboarding.scenarios.find((s) => s.audience === "everyone")!.id;
    const missing = genuine();
    missing.scenarios = missing.scenarios.filter((s) => s.id !== required);
    missing.score = resultScore(missing);
    expect(resultProblems({ policy, result: missing }, courses)).toEqual([
      { field: "result.scenarios", message: expect.stringMatching(new RegExp(`lacks ${required}: `)) as string },
    ]);

    const product = onboarding.scenarios.find((s) => s.audience === "claude-code")!.id;
    const partial = genuine();
    partial.scenarios = partial.scenarios.filter((s) => s.id !== product);
    partial.score = resultScore(partial);
    expect(resultProblems({ policy, result: partial }, courses)).toEqual([
      {
        field: "result.scenarios",
        message: expect.stringMatching(
          new RegExp(`but not ${product}: a learner who uses claude-code plays all`),
        ) as string,
      },
    ]);

    const none = genuine();
    none.scenarios = none.scenarios.filter(
      (s) => onboarding.scenarios.find((c) => c.id === s.id)?.audience !== "cowork",
    );
    none.score = resultScore(none);
    expect(fieldsOf(none)).toEqual([]); // a learner who does not use Cowork
  });

  it("refuses scores that do not follow from the outcomes", () => {
    const scenarioScore = genuine();
    scenarioScore.scenarios[0]!.score = 0.5;
    // The course score follows from the outcomes, not from the scenario scores sent.
    expect(fieldsOf(scenarioScore)).toEqual(["result.scenarios.0.score"]);

    const overall = genuine();
    overall.score = 1 - overall.score || 0.5;
    expect(resultProblems({ policy, result: overall }, courses)).toEqual([
      { field: "result.score", message: expect.stringMatching(/but the scenarios' outcomes give/) as string },
    ]);
  });

  it("refuses a refresher of the wrong size", () => {
    const { refresher } = courses;
    const quiz = genuine().scenarios.slice(0, refresher.refresherSize + 1);
    const result = parseResult({ ...genuine(), mode: "refresher", scenarios: quiz, score: 0 });
    result.score = resultScore(result);
    expect(resultProblems({ policy, result }, courses)).toEqual([
      {
        field: "result.scenarios",
        message: `holds ${quiz.length} scenarios, but a refresher quiz holds ${refresher.refresherSize}. Send every scenario of the learner's quiz, each once.`,
      },
    ]);
  });
});

describe("earlier attempts' misses", () => {
  it("are the misses of the plays a retry replaced, sent with the passing result and accepted", async () => {
    const course = courses.onboarding;
    const { actor } = await startCourse(course);
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    const results: Result[] = [];
    for (let round = 0; round < 4; round++) {
      while (actor.getSnapshot().value === "scenarios") {
        const { playing } = actor.getSnapshot().context;
        const node = course.scenarios.find((s) => s.id === playing?.id)?.nodes[playing?.node ?? ""];
        if (playing?.showingFeedback) actor.send({ type: "feedback.continue" });
        else if (node?.type === "end") actor.send({ type: "scenario.finish" });
        else if (node?.type === "question") {
          // The first round picks a wrong choice wherever there is one, later rounds the right one
          // (by position in the file, as the machine takes them; the page only shows them shuffled).
          const pick = node.choices.findIndex((c) => (round === 0 ? c.outcome !== "correct" : c.outcome === "correct"));
          actor.send({ type: "choice.select", index: Math.max(pick, 0) });
        }
      }
      const { result } = actor.getSnapshot().context;
      if (!result) throw new Error("no result");
      results.push(parseResult(acknowledgedResult(result)));
      if (result.passed) break;
      actor.send({ type: "course.retry" });
    }
    const [first, last] = [results[0], results.at(-1)];
    expect(first?.passed).toBe(false);
    expect(first?.earlierMissed).toBeUndefined();
    expect(last?.passed).toBe(true);
    const tally: Record<string, number> = {};
    for (const { outcomes } of first?.scenarios ?? [])
      for (const { clause, outcome } of outcomes) if (outcome !== "correct") tally[clause] = (tally[clause] ?? 0) + 1;
    expect(Object.fromEntries((last?.earlierMissed ?? []).map(({ clause, count }) => [clause, count]))).toEqual(tally);
    expect(Object.keys(tally).length).toBeGreaterThan(5);
    expect(resultProblems({ policy, result: last as Result }, courses)).toEqual([]);
  });

  it("are refused on a first attempt, for a clause no scenario played can miss, or more often than possible", () => {
    const retry = { ...genuine(), attempt: 2 };
    const [firstClause] = retry.scenarios.flatMap((s) => s.outcomes.map((o) => o.clause));
    expect(fieldsOf({ ...genuine(), attempt: 1, earlierMissed: [{ clause: firstClause ?? "", count: 1 }] })).toEqual([
      "result.earlierMissed",
    ]);
    const refused = resultProblems(
      {
        policy,
        result: {
          ...retry,
          earlierMissed: [
            { clause: "99.9", count: 1 },
            { clause: firstClause ?? "", count: 500 },
            { clause: firstClause ?? "", count: 1 },
          ],
        },
      },
      courses,
    );
    expect(refused.map((p) => p.field)).toEqual([
      "result.earlierMissed.0.clause",
      "result.earlierMissed.1.count",
      "result.earlierMissed.2.clause",
    ]);
    expect(refused[0]?.message).toMatch(/99\.9, which no choice of the scenarios played can miss/);
    expect(refused[1]?.message).toMatch(/is 500, more than the \d+ misses of .* that 1 earlier attempt/);
    expect(() =>
      parseResult({
        ...retry,
        earlierMissed: [
          { clause: "3.1", count: 600 },
          { clause: "3.2", count: 400 },
        ],
      }),
    ).toThrow(/at most 999 misses in all/);
  });
});
