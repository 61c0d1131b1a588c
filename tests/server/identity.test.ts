import { describe, expect, it } from "vitest";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { dataDir, dataDirWithJournal } from "../support/records.ts";
import { startServer } from "../../scripts/harness/server.ts";
import { serveData, stopAfterTest } from "../support/servedData.ts";

/** A journal where Grace Hopper (by single sign-on) missed clause 3.4 in 2024, and someone else missed 6.1. */
function graceMissed34LastYear(): string {
  const grace = { id: "grace.hopper@kestrel.example", name: "Grace Hopper", email: "grace.hopper@kestrel.example" };
  const missed = (clause: string) => ({
    mode: "refresher" as const,
    score: 0,
    passed: false,
    attempt: 1,
    attemptId: `old-${clause}`,
    scenarios: [{ id: "s", score: 0, outcomes: [{ clause, outcome: "incorrect" as const }] }],
  });
  return dataDirWithJournal([
    {
      recordedAt: "2024-05-01T10:00:00.000Z",
      fields: { learner: { ...grace, selfAsserted: false }, result: missed("3.4") },
    },
    { recordedAt: "2024-05-02T10:00:00.000Z", fields: { result: missed("6.1") } },
  ]);
}

const sso = { "x-forwarded-email": "Grace.Hopper@kestrel.example", "x-forwarded-name": "Grace Hopper" };

describe("single-sign-on identity (AUP_IDENTITY=header)", () => {
  it("takes the learner from the trusted proxy's headers, not from the body", async () => {
    const url = (await serveData(dataDir(), { AUP_IDENTITY: "header", AUP_TRUSTED_PROXIES: "127.0.0.1" })).url;
    const me = await fetch(`${url}/api/me`, { headers: sso });
    expect(await me.json()).toEqual({
      mode: "header",
      learner: { id: "grace.hopper@kestrel.example", email: "grace.hopper@kestrel.example", name: "Grace Hopper" },
      missedClauses: [],
    });
    const body = {
      ...validBody("ssoattempt1", "Grace Hopper"),
      learner: { name: "Grace Hopper", email: "someone.else@kestrel.example", employeeId: "E-0" },
    };
    const answer = await post(url, body, sso);
    expect(answer.status).toBe(201);
    const { record } = (await answer.json()) as { record: AcknowledgementRecord };
    expect(record.learner).toEqual({
      id: "grace.hopper@kestrel.example",
      email: "grace.hopper@kestrel.example",
      name: "Grace Hopper",
      selfAsserted: false,
    });
  });

  it("tells the refresher which clauses the learner missed in earlier quarters, and nobody else's", async () => {
    const server = await startServer({
      AUP_DATA_DIR: graceMissed34LastYear(),
      AUP_IDENTITY: "header",
      AUP_TRUSTED_PROXIES: "127.0.0.1",
    });
    stopAfterTest(server);
    const me = (await (await fetch(`${server.url}/api/me`, { headers: sso })).json()) as { missedClauses: string[] };
    expect(me.missedClauses).toEqual(["3.4"]);
  });

  it("gives no history where the learner only types who they are (AUP_IDENTITY=form)", async () => {
    const server = await startServer({ AUP_DATA_DIR: graceMissed34LastYear() });
    stopAfterTest(server);
    expect(await (await fetch(`${server.url}/api/me`, { headers: sso })).json()).toEqual({ mode: "form" });
  });

  it("refuses a request without the identity header", async () => {
    const url = (await serveData(dataDir(), { AUP_IDENTITY: "header" })).url;
    const answer = await post(url, validBody("nossoheader1"));
    expect(answer.status).toBe(401);
    const { error, fields } = (await answer.json()) as { error: string; fields: { field: string; message: string }[] };
    // The learner reads what to do; the header's name is for the people who run the site.
    expect(error).toBe(
      "Your organisation's sign-in did not tell this site who you are. Sign in again through your organisation's portal, then press the button again: your answers are kept.",
    );
    expect(fields).toEqual([
      { field: "(request)", message: "has no valid x-forwarded-email header from the sign-in proxy" },
    ]);
  });

  it("does not believe the header from an address that is not a trusted proxy", async () => {
    const url = (await serveData(dataDir(), { AUP_IDENTITY: "header", AUP_TRUSTED_PROXIES: "10.1.2.3" })).url;
    const answer = await post(url, validBody("untrusted01", "Grace Hopper"), sso);
    expect(answer.status).toBe(403);
    const { error, fields } = (await answer.json()) as { error: string; fields: { field: string; message: string }[] };
    expect(error).toMatch(/^This site knows who you are only through your organisation's sign-in/);
    expect(error).not.toMatch(/AUP_|127\.0\.0\.1/);
    expect(fields[0]?.message).toMatch(/^came from 127\.0\.0\.1, which is not one of AUP_TRUSTED_PROXIES/);
  });

  it("refuses to start with an unknown identity mode", async () => {
    await expect(startServer({ AUP_DATA_DIR: dataDir(), AUP_IDENTITY: "ldap" })).rejects.toThrow(
      /cannot start: AUP_IDENTITY is "ldap"; it must be form .* or header/,
    );
  });
});
