import { spawnSync } from "node:child_process";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { openCheckpoint } from "../../src/records/journalConsistency.ts";
import { readJwks } from "../../src/evidence/jwksKeys.ts";
import { verifyReceipt } from "../../src/evidence/verifyReceipt.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { dataDir } from "../support/records.ts";
import { serveData } from "../support/servedData.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

interface Answer {
  record: { id: string; seq: number; hash: string };
  receiptUrl: string;
  receipt: string;
}

async function acknowledged(url: string, attemptId: string): Promise<Answer> {
  const response = await post(url, validBody(attemptId));
  expect(response.status).toBe(201);
  return (await response.json()) as Answer;
}

const jwksOf = async (url: string) => (await fetch(`${url}/.well-known/jwks.json`)).text();

/** The receipt the receipt page offers as a file: the data: URL of its download link. */
async function downloadedReceipt(url: string, receiptUrl: string): Promise<string | undefined> {
  const page = await fetch(`${url}${receiptUrl}`);
  expect(page.status).toBe(200);
  const href = /download="ack-\d+-receipt\.jws"\s+href="data:application\/jose;charset=utf-8,([^"]+)"/.exec(
    await page.text(),
  );
  return href?.[1] && decodeURIComponent(href[1]);
}

function keys(dir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/keys.ts", ...args], {
    env: { ...process.env, AUP_DATA_DIR: dir },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("signed evidence from the built server", () => {
  it("answers an acknowledgement with a receipt that verifies against the published keys, and publishes the checkpoint", async () => {
    const { url } = await serveData();
    const first = await acknowledged(url, "evidence0001");
    const second = await acknowledged(url, "evidence0002");
    const jwks = await jwksOf(url);
    for (const answer of [first, second]) {
      const verified = await verifyReceipt(answer.receipt, jwks);
      expect(verified).toMatchObject({
        ok: true,
        summary: { id: answer.record.id, seq: answer.record.seq, hash: answer.record.hash },
      });
    }
    const checkpoint = await fetch(`${url}/api/checkpoint`);
    expect(checkpoint.headers.get("content-type")).toMatch(/^text\/plain/);
    const read = readJwks(jwks);
    const opened = await openCheckpoint(await checkpoint.text(), read.ok ? read.keys : []);
    expect(opened).toMatchObject({ ok: true, checkpoint: { size: 2 } });
  });

  it("offers the receipt on the receipt page as a file to download, signed against the latest checkpoint", async () => {
    const { url } = await serveData();
    const answer = await acknowledged(url, "evidence0003");
    await acknowledged(url, "evidence0004");
    const downloaded = await downloadedReceipt(url, answer.receiptUrl);
    expect(await verifyReceipt(downloaded ?? "", await jwksOf(url))).toMatchObject({
      ok: true,
      checkpoint: { size: 2 },
      summary: { id: answer.record.id },
    });
  });

  it("gives HR the evidence pack from the dashboard's link, to the admin only", async () => {
    const { url } = await serveData(dataDir(), { AUP_ADMIN_TOKEN: "pack-admin-token-0123456789" });
    await acknowledged(url, "evidence0008");
    expect((await fetch(`${url}/api/admin/evidence`)).status).toBe(401);
    const pack = await fetch(`${url}/api/admin/evidence`, {
      headers: { authorization: "Bearer pack-admin-token-0123456789" },
    });
    expect(pack.status).toBe(200);
    expect(pack.headers.get("content-type")).toBe("application/zip");
    expect(pack.headers.get("content-disposition")).toMatch(/attachment; filename="evidence-\d{4}-\d{2}-\d{2}\.zip"/);
    const files = unzipSync(new Uint8Array(await pack.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "README.md",
      "SHA256SUMS",
      "checkpoint.txt",
      "jwks.json",
      `policy/${SHIPPED_VERSION}.txt`,
      "policy/versions.csv",
      "records/acknowledgements.csv",
      "records/acknowledgements.jsonl",
      "reminders/sends.jsonl",
      "roster/status.csv",
      "roster/unmatched.csv",
    ]);
    expect(new TextDecoder().decode(files["checkpoint.txt"])).toBe(await (await fetch(`${url}/api/checkpoint`)).text());
    expect(new TextDecoder().decode(files["records/acknowledgements.jsonl"]).split("\n").filter(Boolean)).toHaveLength(
      1,
    );
  });

  it("keeps every receipt link working when the admin token is rotated", async () => {
    const dir = dataDir();
    const before = await serveData(dir, { AUP_ADMIN_TOKEN: "first-admin-token-0123456789" });
    const answer = await acknowledged(before.url, "evidence0005");
    await before.stop();
    const after = await serveData(dir, { AUP_ADMIN_TOKEN: "second-admin-token-9876543210" });
    expect(await downloadedReceipt(after.url, answer.receiptUrl)).toBeDefined();
    const wrong = await fetch(
      `${after.url}${answer.receiptUrl.replace(/k=(.)/, (_, first: string) => `k=${first === "A" ? "B" : "A"}`)}`,
    );
    expect(wrong.status).toBe(404);
  });

  it("rotates the signing key with npm run keys -- --rotate, and what the old key signed still verifies", async () => {
    const dir = dataDir();
    const before = await serveData(dir);
    const old = await acknowledged(before.url, "evidence0006");
    expectRun(keys(dir, "--rotate"), 1, "stderr", /already using the data folder .*Stop it first/);
    await before.stop();
    const printed = keys(dir);
    expect(printed.status).toBe(0);
    const rotated = keys(dir, "--rotate");
    expectRun(rotated, 0, "stderr", /A new signing key .* replaces the old one/);
    const listed = JSON.parse(rotated.stdout) as { keys: { kid: string }[] };
    expect(listed.keys.map((k) => k.kid)).toEqual([
      expect.any(String),
      (JSON.parse(printed.stdout) as { keys: { kid: string }[] }).keys[0]?.kid,
    ]);

    const after = await serveData(dir);
    const jwks = await jwksOf(after.url);
    expect(JSON.parse(jwks)).toEqual(listed);
    expect(await verifyReceipt(old.receipt, jwks)).toMatchObject({ ok: true, kid: listed.keys[1]?.kid });
    const fresh = await acknowledged(after.url, "evidence0007");
    expect(await verifyReceipt(fresh.receipt, jwks)).toMatchObject({ ok: true, kid: listed.keys[0]?.kid });
    const oldKeyOnly = { keys: [listed.keys[1]] };
    expect(await verifyReceipt(fresh.receipt, JSON.stringify(oldKeyOnly))).toMatchObject({
      ok: false,
    });
  });
});

/** A command's exit status, and that its output (or one stream of it) says what it should. */
function expectRun(done: Record<string, string | number | null>, status: number, field: string, says: RegExp): void {
  expect(done[field]).toMatch(says);
  expect(done.status).toBe(status);
}
