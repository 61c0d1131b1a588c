import { afterEach, describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { dataDir } from "../support/records.ts";

const TOKEN = "earlier-misses-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A passing second attempt whose first attempt missed `missed` (clause: count). */
function retried(attemptId: string, name: string, missed: Record<string, number>) {
  const body = validBody(attemptId, name);
  const earlierMissed = Object.entries(missed).map(([clause, count]) => ({ clause, count }));
  return { ...body, result: { ...body.result, attempt: 2, earlierMissed } };
}

/** The misses the dashboard's missed-by-clause chart shows for `clause` (0 when it has no bar). */
async function missedOnDashboard(query: string, clause: string): Promise<number> {
  const page = await fetch(`${server?.url}/admin${query}`, { headers: auth });
  expect(page.status).toBe(200);
  const html = await page.text();
  const chart = html.slice(html.indexOf('id="missed-title"'), html.indexOf('id="missed-by-department-title"'));
  const bar = new RegExp(`<title>${clause.replace(".", "\\.")}\\b[^<]*?: (\\d+) miss(es)? by \\d+ learner`).exec(chart);
  return Number(bar?.[1] ?? 0);
}

describe("misses of earlier attempts", () => {
  it("are stored with the passing record and counted on the dashboard, by the filters", async () => {
    server = await startServer({ AUP_DATA_DIR: dataDir(), AUP_ADMIN_TOKEN: TOKEN });
    const clauses = validBody("probe0001").result.scenarios.flatMap((s) => s.outcomes.map((o) => o.clause));
    const clause = clauses.find((c) => c.startsWith("3.")) ?? clauses[0] ?? "3.1";
    const answer = await post(server.url, retried("earlier01", "Ada Lovelace", { [clause]: 3 }));
    expect(answer.status).toBe(201);
    const { record } = (await answer.json()) as { record: AcknowledgementRecord };
    expect(record.result.earlierMissed).toEqual([{ clause, count: 3 }]);
    const alan = await post(server.url, validBody("earlier02", "Alan Turing"));
    expect(alan.status).toBe(201);
    const alanRecord = ((await alan.json()) as { record: AcknowledgementRecord }).record;
    const roster = [
      "id,name,email,department,start date,manager",
      "E-earlier01,Ada Lovelace,earlier01@kestrel.example,Risk,2026-01-05,",
      "E-earlier02,Alan Turing,earlier02@kestrel.example,Engineering,2026-01-05,",
    ].join("\n");
    const imported = await fetch(`${server.url}/api/admin/roster`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: roster,
    });
    expect(imported.status).toBe(200);
    // Risk's bar holds Ada's three earlier misses on top of what her passing play missed.
    const missedIn = (r: AcknowledgementRecord) =>
      r.result.scenarios.flatMap((s) => s.outcomes).filter((o) => o.clause === clause && o.outcome !== "correct")
        .length;
    expect(await missedOnDashboard("?department=Risk", clause)).toBe(3 + missedIn(record));
    expect(await missedOnDashboard("?department=Engineering", clause)).toBe(missedIn(alanRecord));
    expect(await missedOnDashboard("", clause)).toBe(3 + missedIn(record) + missedIn(alanRecord));
  });

  it("are refused when the published course could not have given them", async () => {
    server = await startServer({ AUP_DATA_DIR: dataDir(), AUP_ADMIN_TOKEN: TOKEN });
    const first = { ...retried("earlier03", "Ada Lovelace", { "99.9": 1 }) };
    const refused = await post(server.url, first);
    expect(refused.status).toBe(422);
    const { error, fields } = (await refused.json()) as { error: string; fields: { field: string; message: string }[] };
    expect(error).toMatch(/^Your result does not fit the course this site publishes now/);
    expect(fields.find((f) => f.field === "result.earlierMissed.0.clause")?.message).toMatch(
      /is 99\.9, which no choice/,
    );
  });
});
