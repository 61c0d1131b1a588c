import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultScore } from "../../src/course/checkResult.ts";
import { toPercent } from "../../src/course/scoring.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { playedResult, shippedCourse } from "../support/courseFixture.ts";
import { dataDir } from "../support/records.ts";

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = dataDir();
  server = await startServer({ AUP_DATA_DIR: dir });
});
afterAll(async () => {
  await server.stop();
});

/** Lines in the journal: what the server has written. */
const written = () => {
  const file = dataFiles(dir).journal;
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0;
};

interface Refusal {
  error: string;
  fields?: { field: string; message: string }[];
}

/** A genuine body (every required scenario, real outcomes) with its result changed by `change`. */
function bodyWith(attemptId: string, change: (result: ReturnType<typeof validBody>["result"]) => void) {
  const body = validBody(attemptId);
  change(body.result);
  return body;
}

describe("POST /api/acknowledgements checks the result against the published course", () => {
  it("refuses what the course could not have produced with 422 naming the field, and writes nothing", async () => {
    const course = shippedCourse("onboarding");
    const scenario3 = course.scenarios.find((s) => s.id === validBody("x").result.scenarios[3]?.id);
    const start = scenario3?.nodes[scenario3.start];
    if (start?.type !== "question") throw new Error("The fourth scenario does not start with a question");
    const unoffered = course.scenarios
      .flatMap((s) => s.clauses)
      .find((clause) => !start.choices.some((c) => c.clause === clause));
    const required = course.scenarios.find((s) => s.audience === "everyone")?.id;
    const failed = await playedResult("incorrect");

    const cases: [string, unknown, string, RegExp][] = [
      [
        "score 1, a made-up scenario, no outcomes",
        bodyWith("madeup0001", (r) => {
          r.score = 1;
          r.scenarios = [{ id: "made-up-scenario", score: 1, outcomes: [] }];
        }),
        "result.scenarios.0.id",
        /"made-up-scenario", which is not a scenario of the published onboarding course/,
      ],
      [
        "a version that does not go with the hash",
        { ...validBody("version0001"), policy: { ...validBody("x").policy, version: "9.9.9" } },
        "policy.version",
        /"9\.9\.9", but the policy with this hash is version/,
      ],
      [
        "an outcome that no choice offers",
        bodyWith("outcome0001", (r) => {
          r.scenarios[3]!.outcomes[0] = { clause: unoffered ?? "", outcome: "correct" };
        }),
        "result.scenarios.3.outcomes.0",
        /which no choice of scenario .* offers at this point of a path/,
      ],
      [
        "onboarding without a required scenario",
        bodyWith("missing0001", (r) => {
          r.scenarios = r.scenarios.filter((s) => s.id !== required);
        }),
        "result.scenarios",
        new RegExp(`lacks ${required ?? "?"}: an onboarding result holds every scenario`),
      ],
      [
        "a score that does not follow from the outcomes",
        bodyWith("score00001", (r) => {
          r.score = r.score > 0.9 ? 0.85 : 0.95;
        }),
        "result.score",
        /but the scenarios' outcomes give/,
      ],
      [
        "a genuine failed result claiming to pass",
        bodyWith("failed0001", (r) => Object.assign(r, failed, { passed: true })),
        "result.score",
        /must reach the pass mark/,
      ],
    ];
    expect(unoffered, "a clause the fourth scenario's first question does not cite").toBeDefined();
    expect(failed.passed, "playing every scenario wrong fails the course").toBe(false);
    for (const [what, body, field, message] of cases) {
      const answer = await post(server.url, body);
      const refusal = (await answer.json()) as Refusal;
      expect(answer.status, `${what}: ${JSON.stringify(refusal)}`).toBe(422);
      const named = refusal.fields?.find((f) => f.field === field);
      expect(named, `${what}: ${JSON.stringify(refusal)}`).toBeDefined();
      // The developer's detail is the field's; the learner reads what to do, with no paths in it.
      expect(named?.message, what).toMatch(message);
      expect(refusal.error, what).not.toMatch(/result\.|policy\./);
      expect(refusal.error, what).toBe(
        what === "a genuine failed result claiming to pass"
          ? `Your score of ${toPercent(resultScore(failed))}% is below the pass mark of ${course.passMark}%. Finish the course, retrying the scenarios you missed, before you sign.`
          : "Your result does not fit the course this site publishes now, which may have changed while you took it. Reload the page and take the course again, then sign.",
      );
    }
    expect(written()).toBe(0);

    // The same server records a genuine result: the refusals were about the results, not the server.
    expect((await post(server.url, validBody("genuine0001"))).status).toBe(201);
    expect(written()).toBe(1);
  });
});
