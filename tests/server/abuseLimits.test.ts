import { describe, expect, it } from "vitest";
import { acknowledgementBodyLimit } from "../../src/course/largestAcknowledgement.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer } from "../../scripts/harness/server.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { genuineOnboardingBody } from "../support/genuineBody.ts";
import { dataDir } from "../support/records.ts";
import { journalRecords, serveData } from "../support/servedData.ts";

/** The attempt ids in the journal, read from the file. */
const journalled = (dir: string) => journalRecords(dir).map((record) => record.result.attemptId);

describe("the rate limit on acknowledgements (AUP_ACK_RATE_LIMIT)", () => {
  it("answers past the limit 429 with Retry-After and a message, before reading the body, and records nothing", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir, { AUP_ACK_RATE_LIMIT: "3" });
    for (const id of ["ratelimit1", "ratelimit2", "ratelimit3"])
      expect((await post(url, validBody(id))).status).toBe(201);
    const refused = [
      await post(url, validBody("ratelimit4")),
      await post(url, validBody("ratelimit5")),
      // Refused for the rate, not the size: the body is never read.
      await post(url, { ...validBody("ratelimit6"), typedName: "A".repeat(100_000) }),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      const retryAfter = answer.headers.get("retry-after") ?? "";
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      const { error } = (await answer.json()) as { error: string };
      expect(error).toMatch(
        new RegExp(
          `^Too many acknowledgements from your network address: this server accepts 3 a minute from one address\\. Nothing was recorded\\. Try again in ${retryAfter} seconds?; .*raise AUP_ACK_RATE_LIMIT\\.$`,
        ),
      );
    }
    expect(journalled(dir)).toEqual(["ratelimit1", "ratelimit2", "ratelimit3"]);
  });

  it("holds one address to 60 acknowledgements a minute when unset", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir);
    const ids = Array.from({ length: 60 }, (_, n) => `default${String(n).padStart(3, "0")}`);
    const statuses = await Promise.all(ids.map(async (id) => (await post(url, validBody(id))).status));
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect((await post(url, validBody("default060"))).status).toBe(429);
    expect(journalled(dir)).toHaveLength(60);
  });

  it.each(["-5", "fast", "2.5"])("refuses to start with AUP_ACK_RATE_LIMIT=%s, saying what to write", async (value) => {
    await expect(startServer({ AUP_DATA_DIR: dataDir(), AUP_ACK_RATE_LIMIT: value })).rejects.toThrow(
      `aup-course cannot start: AUP_ACK_RATE_LIMIT is ${JSON.stringify(value)}; it must be a whole number of acknowledgements per client address per minute (60 when unset), or 0 to turn the limit off.`,
    );
  });
});

describe("the acknowledgement body limit", () => {
  // The build computes it from the courses it publishes; the test from the same content, outside Astro.
  const limit = acknowledgementBodyLimit([shippedCourse("onboarding"), shippedCourse("refresher")]);
  const padded = (attemptId: string, size: number) => {
    const text = JSON.stringify(validBody(attemptId));
    return text + " ".repeat(size - Buffer.byteLength(text)); // whitespace after JSON is still JSON
  };

  it("takes a body of exactly the limit and refuses one byte more with 413 and a message, recording nothing", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir);
    expect((await post(url, padded("atthelimit1", limit))).status).toBe(201);
    const over = await post(url, padded("overlimit01", limit + 1));
    expect(over.status).toBe(413);
    const refusal = (await over.json()) as { error: string; fields: { field: string; message: string }[] };
    // Nothing the learner typed makes a body this large: they read to reload; the limit is for developers.
    expect(refusal.error).toMatch(/^The course sent something the records server cannot read\. Reload the page/);
    expect(refusal.fields).toEqual([
      { field: "(body)", message: `The body is larger than ${limit} bytes. Send only the fields the API documents.` },
    ]);
    expect(journalled(dir)).toEqual(["atthelimit1"]);
  });

  it("takes a full genuine onboarding acknowledgement, every scenario played, with room to spare", async () => {
    const dir = dataDir();
    const { url } = await serveData(dir);
    const body = genuineOnboardingBody(shippedCourse("onboarding"), "fullcourse01");
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(limit / 2);
    const answer = await post(url, body);
    expect(answer.status, await answer.clone().text()).toBe(201);
    expect(journalled(dir)).toEqual(["fullcourse01"]);
  });
});
