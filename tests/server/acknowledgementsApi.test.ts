import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { playedResult } from "../support/courseFixture.ts";
import { dataDir } from "../support/records.ts";
import { hasExited, startServer } from "../../scripts/harness/server.ts";
import { journalRecords, serveData } from "../support/servedData.ts";

/** For the tests that send hundreds of acknowledgements from one address: the others run with the default limit. */
const NO_RATE_LIMIT = { AUP_ACK_RATE_LIMIT: "0" };

describe("POST /api/acknowledgements on the built server", () => {
  it("records 500 concurrent acknowledgements exactly once each, in a valid chain", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir, NO_RATE_LIMIT);
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, n) => post(url, validBody(`load${String(n).padStart(5, "0")}`))),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    const records = journalRecords(dir);
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r.result.attemptId)).size).toBe(500);
    expect(verifyChain(records)).toBeUndefined();
  });

  it("records a double submit once and answers the second with the first record", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir);
    const [first, second] = await Promise.all([
      post(url, validBody("doubleclick1")),
      post(url, validBody("doubleclick1")),
    ]);
    const third = await post(url, validBody("doubleclick1"));
    const bodies = (await Promise.all([first, second, third].map((r) => r.json()))) as {
      record: AcknowledgementRecord;
      duplicate: boolean;
    }[];
    expect([first.status, second.status, third.status].sort()).toEqual([200, 200, 201]);
    expect(new Set(bodies.map((b) => b.record.hash)).size).toBe(1);
    expect(journalRecords(dir)).toHaveLength(1);
  });

  it("answers malformed, hostile and oversized bodies with a 4xx that names the problem, and writes nothing", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir);
    const failed = await playedResult("incorrect");
    // The learner reads `error` as it is: plain words on what to do, no body paths. What a
    // developer needs (the path, the rule) is in `fields`.
    const reload = /^The course sent something the records server cannot read\. Reload the page/;
    const cases: [unknown, number, RegExp, [string, RegExp]?, Record<string, string>?][] = [
      ["{not json", 400, reload, ["(body)", /not valid JSON/]],
      [[], 400, reload, ["(body)", /object/i]],
      [
        { ...validBody("missing1"), learner: undefined },
        400,
        /^This site needs your full name, work email and employee ID/,
        ["learner", /is required/],
      ],
      [
        { ...validBody("bademail1"), learner: { ...validBody("x").learner, email: "ada@kestrel" } },
        400,
        /^Check your email address: it needs a name, an @ and a domain, like ada@example\.com\.$/,
        ["learner.email", /./],
      ],
      [
        { ...validBody("badtypes1"), result: { ...validBody("x").result, score: "high" } },
        400,
        reload,
        ["result.score", /^must be a number/],
      ],
      [
        { ...validBody("controlchar1"), typedName: "Ada\u0000Lovelace" },
        400,
        /^Check your full name: type it on one line, in at most 120 characters\.$/,
        ["typedName", /contains control characters/],
      ],
      [{ ...validBody("extrafield1"), admin: true }, 400, reload, ["(body)", /Unrecognized key|unknown/i]],
      [
        { ...validBody("mismatch1"), typedName: "Someone Else" },
        400,
        /does not match the learner's name/,
        ["typedName", /must match/],
      ],
      [
        { ...validBody("oldpolicy1"), policy: { version: "0.9", hash: "b".repeat(64) } },
        409,
        /^The policy has changed since you started: version \S+ is published now\. Reload the page/,
        ["policy.hash", /^is 0\.9's \(bbbbbbbbbbbb…\), but the published policy is/],
      ],
      [
        { ...validBody("failedcourse1"), result: { ...failed, passed: true } },
        422,
        /^Your score of \d+% is below the pass mark of \d+%/,
        ["result.score", /must reach the pass mark/],
      ],
      [
        { ...validBody("oversized1"), learner: { ...validBody("x").learner, name: "A".repeat(70_000) } },
        413,
        reload,
        ["(body)", /larger than/],
      ],
      // Astro's origin check refuses form-like posts from elsewhere before the route sees them.
      [
        validBody("plaintext1"),
        403,
        /Cross-site POST form submissions are forbidden/,
        undefined,
        { "content-type": "text/plain" },
      ],
      [
        validBody("plaintext2"),
        415,
        reload,
        ["(body)", /Content-Type: application\/json/],
        { "content-type": "text/plain", origin: url },
      ],
    ];
    for (const [body, status, message, detail, headers] of cases) {
      const answer = await post(url, body, headers);
      const text = await answer.text();
      expect(answer.status, text).toBe(status);
      if (!detail) {
        expect(text).toMatch(message);
        continue;
      }
      const { error, fields } = JSON.parse(text) as { error: string; fields?: { field: string; message: string }[] };
      expect(error, text).toMatch(message);
      expect(error, text).not.toMatch(/\b(learner|result|policy)\.\w/);
      const [field, problem] = detail;
      expect(fields?.find((f) => f.field === field)?.message, text).toMatch(problem);
    }
    expect(journalRecords(dir)).toEqual([]);
  });

  it("keeps every acknowledged record through a SIGKILL during load, and restarts with a valid chain", async () => {
    const dir = dataDir();
    const confirmed = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const server = await serveData(dir, NO_RATE_LIMIT);
      // Kill while requests are in flight: after a different number of confirmations each round.
      const killAfter = [17, 95, 180][round] ?? 50;
      let confirmedThisRound = 0;
      const sends = Array.from({ length: 400 }, (_, n) => {
        const id = `kill${round}x${String(n).padStart(4, "0")}`;
        return post(server.url, validBody(id))
          .then((answer) => {
            if (answer.status !== 201) return;
            confirmed.add(id);
            if (++confirmedThisRound === killAfter) server.process.kill("SIGKILL");
          })
          .catch(() => undefined); // the connection died with the server: never confirmed
      });
      await Promise.all(sends);
      await new Promise((resolve) =>
        hasExited(server.process) ? resolve(undefined) : server.process.once("exit", resolve),
      );
    }
    await serveData(dir); // starts: the journal verifies (a torn tail would be moved aside)
    const stored = new Set(journalRecords(dir).map((r) => r.result.attemptId));
    expect([...confirmed].filter((id) => !stored.has(id))).toEqual([]);
    expect(verifyChain(journalRecords(dir))).toBeUndefined();
    expect(confirmed.size).toBeGreaterThan(0);
  });

  it("refuses to start on a damaged journal, says why, and leaves the file untouched", async () => {
    const dir = dataDir();
    const first = await serveData(dir);
    for (const id of ["damage001", "damage002", "damage003"])
      expect((await post(first.url, validBody(id))).status).toBe(201);
    await first.stop();
    const file = dataFiles(dir).journal;
    const damaged = readFileSync(file, "utf8").replace('"name":"Ada Lovelace"', '"name":"Eve"');
    writeFileSync(file, damaged);
    await expect(startServer({ AUP_DATA_DIR: dir })).rejects.toThrow(
      /cannot start: .*acknowledgements\.jsonl line 1 \(record ack-000001\) does not match its hash/,
    );
    expect(readFileSync(file, "utf8")).toBe(damaged);
  });

  it("refuses a second server on the same data folder", async () => {
    const dir = dataDir();
    await serveData(dir);
    await expect(startServer({ AUP_DATA_DIR: dir })).rejects.toThrow(
      /Another aup-course server \(process \d+\) is already using the data folder/,
    );
  });
});
