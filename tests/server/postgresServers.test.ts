import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { adminClient } from "../support/postgres.ts";
import { twoServersOnOneDatabase } from "../support/postgresServers.ts";
import { postSignIn, sessionCookie } from "../support/signIn.ts";

const TOKEN = "pg-admin-token-0123456789";

const twoServers = () => twoServersOnOneDatabase({ AUP_ADMIN_TOKEN: TOKEN, AUP_ACK_RATE_LIMIT: "0" });

async function storedRecords(url: string): Promise<AcknowledgementRecord[]> {
  const client = await adminClient(url);
  try {
    const { rows } = await client.query<{ line: string }>("SELECT line FROM records ORDER BY seq");
    return rows.map((r) => JSON.parse(r.line) as AcknowledgementRecord);
  } finally {
    await client.end();
  }
}

describe("the built server on PostgreSQL (AUP_DATABASE_URL)", () => {
  it("answers as on the embedded store, from either of two servers: repeats, conflicts, implausible results, receipts, exports", async () => {
    const { url, a, b } = await twoServers();
    const first = await post(a.url, validBody("pgfirst01"));
    expect(first.status).toBe(201);
    const made = (await first.json()) as { record: AcknowledgementRecord; receiptUrl: string; receipt: string };
    expect(made.receipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const repeat = await post(b.url, validBody("pgfirst01"));
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ duplicate: true, record: made.record });
    const conflict = await post(b.url, validBody("pgfirst01", "Grace Hopper"));
    expect(conflict.status).toBe(409);
    const implausible = validBody("pgodd0001");
    implausible.result.score = 1;
    implausible.result.scenarios = [{ id: "made-up-scenario", score: 1, outcomes: [] }];
    const refused = await post(b.url, implausible);
    expect(refused.status).toBe(422);
    expect(await storedRecords(url)).toHaveLength(1);
    // The receipt link A gave opens on B; the export from B holds A's record.
    expect((await fetch(`${b.url}${made.receiptUrl}`)).status).toBe(200);
    const exported = await fetch(`${b.url}/api/admin/export?format=json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(((await exported.json()) as AcknowledgementRecord[]).map((r) => r.id)).toEqual([made.record.id]);
    const checkpoint = await fetch(`${b.url}/api/checkpoint`);
    expect(await checkpoint.text()).toMatch(/\n1\n/);
    // The dashboard's evidence pack, from the database: the record A stored, as the table holds it.
    const pack = await fetch(`${b.url}/api/admin/evidence`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(pack.status).toBe(200);
    const files = unzipSync(new Uint8Array(await pack.arrayBuffer()));
    const packed = new TextDecoder().decode(files["records/acknowledgements.jsonl"]);
    expect(packed).toBe(`${JSON.stringify(made.record)}\n`);
    expect(new TextDecoder().decode(files["checkpoint.txt"])).toMatch(/\n1\n/);
  });

  it("keeps every acknowledged record exactly once in one valid chain when one of two servers is killed under load", async () => {
    const { url, a, b } = await twoServers();
    const acknowledged: { attemptId: string; seq: number }[] = [];
    let answered = 0;
    const send = async (server: typeof a, attemptId: string): Promise<void> => {
      const response = await post(server.url, validBody(attemptId));
      answered++;
      if (response.ok)
        acknowledged.push({
          attemptId,
          seq: ((await response.json()) as { record: AcknowledgementRecord }).record.seq,
        });
    };
    // As a load balancer does, a request the killed server dropped is sent again to the other:
    // the attempt id makes the retry safe whether or not the first got as far as the database.
    const sendOrRetry = (server: typeof a, n: number) => {
      const attemptId = `pgload${String(n).padStart(4, "0")}`;
      return send(server, attemptId).catch(() => send(a, attemptId));
    };
    let next = 0;
    const worker = async (server: typeof a) => {
      while (next < 400) await sendOrRetry(server, next++);
    };
    const killer = (async () => {
      await expect.poll(() => answered, { timeout: 20_000, interval: 5 }).toBeGreaterThan(60);
      b.process.kill("SIGKILL");
    })();
    await Promise.all([
      ...Array.from({ length: 8 }, () => worker(a)),
      ...Array.from({ length: 8 }, () => worker(b)),
      killer,
    ]);
    const records = await storedRecords(url);
    expect(verifyChain(records)).toBeUndefined();
    const seqOf = new Map(records.map((r) => [r.result.attemptId, r.seq]));
    expect(new Set(records.map((r) => r.result.attemptId)).size).toBe(records.length);
    for (const { attemptId, seq } of acknowledged) expect(seqOf.get(attemptId)).toBe(seq);
    expect(acknowledged.length).toBe(400); // every request answered 2xx, by B or, after it was killed, by A
    expect(records).toHaveLength(400);
  });

  it("keeps HR signed in whichever server answers, and a sign-out on one ends the session on both (no sticky sessions)", async () => {
    const { a, b } = await twoServers();
    const cookie = sessionCookie(await postSignIn(a.url, TOKEN));
    const dashboard = (server: string) => fetch(`${server}/admin`, { redirect: "manual", headers: { cookie } });
    expect((await dashboard(b.url)).status).toBe(200);
    expect((await dashboard(a.url)).status).toBe(200);
    const signOut = await fetch(`${b.url}/admin/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: b.url },
    });
    expect(signOut.status).toBe(303);
    expect((await dashboard(a.url)).status).toBe(303);
    expect((await dashboard(b.url)).status).toBe(303);
  });

  it("answers 503 with what to do while the database refuses connections, and records again once it is back", async () => {
    const { url, a } = await twoServers();
    const name = new URL(url).pathname.slice(1);
    const admin = await adminClient();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
      const refused = await post(a.url, validBody("pgdown001"));
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: string }).error).toMatch(
        /could not be saved: PostgreSQL at .* refused it or did not answer .*Nothing was recorded.*Try again/,
      );
      // A dashboard session cannot be checked, nor a sign-in saved: 503 saying so, not a 500.
      const dashboard = await fetch(`${a.url}/admin`, { redirect: "manual", headers: { cookie: "aup_admin=any" } });
      expect(dashboard.status).toBe(503);
      expect(await dashboard.text()).toMatch(/could not be checked: PostgreSQL at .* did not answer/);
      const signIn = await postSignIn(a.url, TOKEN);
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get("set-cookie")).toBeNull();
      expect(await signIn.text()).toContain("The sign-in could not be saved");
      // A receipt page that must read the database says to come back, rather than failing with a 500.
      const receipt = await fetch(`${a.url}/receipt/ack-000099?k=any`);
      expect(receipt.status).toBe(503);
      expect(await receipt.text()).toContain("open this link again in a few minutes");
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    const again = await post(a.url, validBody("pgdown001"));
    expect(again.status).toBe(201);
    expect((await storedRecords(url)).map((r) => r.result.attemptId)).toEqual(["pgdown001"]);
  });
});
