import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { dataDir } from "../support/records.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";

const TOKEN = "fuzz-admin-token-0123456789";
let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = dataDir();
  // Thousands of bodies from one address: the rate limit would refuse most of them before the checks under test.
  server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN, AUP_ACK_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server.stop();
});

/** Strings people and attackers send: markup, spreadsheet formulas, control characters, long text. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "+1",
    "@SUM(A1)",
    "\u0000",
    "\r\n",
    "a".repeat(5000),
    "../../etc/passwd",
    "{{organisation.name}}",
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
);

/** Any JSON value, deeply nested at times. */
const anyJson = fc.jsonValue({ maxDepth: 8 });

/** A valid body with one field replaced by something it must not be. */
const brokenBody = fc
  .tuple(
    fc.constantFrom(
      "attemptId",
      "learner",
      "typedName",
      "policy",
      "result",
      "learner.name",
      "learner.email",
      "result.score",
      "result.scenarios",
      "policy.hash",
    ),
    fc.oneof(hostileText, anyJson),
  )
  .map(([field, value]) => {
    const body = validBody("fuzzbase01") as Record<string, unknown>;
    const [outer = "", inner] = field.split(".");
    if (inner) body[outer] = { ...(body[outer] as object), [inner]: value };
    else body[outer] = value;
    return body;
  })
  // A replacement may happen to be valid for its field (a random string that is an email address):
  // keep only bodies that really break the documented schema.
  .filter((body) => !AcknowledgementBodySchema.safeParse(body).success);

/** The roster as the server keeps it (the state file in the data folder), read from outside. */
function roster(): unknown {
  const file = dataFiles(dir).state;
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { roster?: unknown }).roster : undefined;
}

describe("POST /api/acknowledgements under fuzzing", () => {
  it("answers every malformed, wrongly typed or hostile body with a 4xx and a message, stays up, and writes nothing", async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          brokenBody,
          anyJson,
          hostileText.map((text) => text),
        ),
        async (body) => {
          sent++;
          const answer = await post(server.url, body);
          const text = await answer.text();
          // Every generated body breaks a rule, so every one must be refused, with a reason.
          expect(answer.status, text).toBeGreaterThanOrEqual(400);
          expect(answer.status, text).toBeLessThan(500);
          expect((JSON.parse(text) as { error?: string }).error?.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 1500 },
    );
    expect(sent).toBe(1500);
    const journal = dataFiles(dir).journal;
    const lines = existsSync(journal) ? readFileSync(journal, "utf8").split("\n").filter(Boolean) : [];
    expect(lines).toEqual([]);
    expect((await post(server.url, validBody("aftertheflood1"))).status).toBe(201);
  });

  it("refuses a roster file with a hostile row, naming the row and column, and imports none of it", async () => {
    const header = "id,name,email,department,start date,manager";
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(hostileText, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        async (rows) => {
          const before = roster();
          const csv = `${header}\n${rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\n")}\n`;
          const answer = await fetch(`${server.url}/api/admin/roster`, {
            method: "POST",
            headers: { "content-type": "text/csv", authorization: `Bearer ${TOKEN}` },
            body: csv,
          });
          const text = await answer.text();
          if (answer.status === 200) return; // rows that happen to be valid
          expect(answer.status, text).toBe(400);
          expect(text).toMatch(/row \d+, column /);
          expect(roster()).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});
