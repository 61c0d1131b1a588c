import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { seedJournal, seededRecordBytes } from "../../scripts/bench/seedJournal.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer } from "../../scripts/harness/server.ts";

// Years of records make a journal longer than the longest string V8 can hold (0x1fffffe8 characters,
// about 537 million): nothing may read it into one string. The journal is generated on disk in
// chunks (realistic records, about 3.5 KB each, ASCII only, so characters and bytes are the same
// count) to about 560 MB, past the limit either way; then it is verified, exported and served.
const V8_MAX_STRING_LENGTH = 0x1fffffe8;
const TARGET_BYTES = 560_000_000;
const MINUTES = 60_000;

const dir = mkdtempSync(path.join(tmpdir(), "aup-huge-journal-"));
const journal = dataFiles(dir).journal;
const count = Math.ceil(TARGET_BYTES / seededRecordBytes());
const lastId = (seq: number) => `ack-${String(seq).padStart(6, "0")}`;

beforeAll(() => {
  seedJournal(journal, count);
}, 5 * MINUTES);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command-line script on the data folder, as `npm run …` does. */
function run(script: string, args: string[] = []): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, AUP_DATA_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, output })));
}

/** Lines of a file and its last line, read in chunks (the file is too long for one string). */
async function lines(file: string): Promise<{ count: number; last: string }> {
  let count = 0;
  let tail = "";
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++;
    tail = (tail + chunk.toString("latin1")).slice(-16_384);
  }
  return { count, last: tail.trimEnd().split("\n").at(-1) ?? "" };
}

describe("a journal longer than V8's longest string", () => {
  it("is really past the limit", () => {
    expect(statSync(journal).size).toBeGreaterThan(V8_MAX_STRING_LENGTH);
  });

  it("is verified by npm run verify, every record", { timeout: 10 * MINUTES }, async () => {
    const { status, output } = await run("scripts/verify.ts");
    expect(output).toContain(`${count} records, chain valid; last record ${lastId(count)}`);
    expect(status).toBe(0);
  });

  it("is exported by npm run export, one CSV row per record", { timeout: 10 * MINUTES }, async () => {
    const out = path.join(dir, "export.csv");
    const { status, output } = await run("scripts/export.ts", ["--format", "csv", "--out", out]);
    expect(status, output).toBe(0);
    const csv = await lines(out);
    expect(csv.count).toBe(count + 1); // the header, then one row per record
    expect(csv.last.split(",")[0]).toBe(lastId(count));
    rmSync(out);
  });

  it(
    "is opened by the server, which records an acknowledgement after it and opens its receipt",
    { timeout: 10 * MINUTES },
    async () => {
      const server = await startServer(
        { AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: "huge-journal-admin-token-0123" },
        { startSeconds: 5 * 60 },
      );
      try {
        const answer = await post(server.url, validBody("hugejournal0001"));
        const body = (await answer.json()) as { record: { id: string; seq: number; hash: string }; receiptUrl: string };
        expect(answer.status, JSON.stringify(body)).toBe(201);
        expect(body.record.seq).toBe(count + 1);
        const receipt = await fetch(`${server.url}${body.receiptUrl}`);
        expect(receipt.status).toBe(200);
        const page = await receipt.text();
        expect(page).toContain(body.record.id);
        expect(page).toContain(body.record.hash);
      } finally {
        await server.stop();
      }
      // Appended after the last seeded record, chained to it: the file grew by exactly one line.
      const after = await lines(journal);
      expect(after.count).toBe(count + 1);
      expect(after.last).toContain(`"seq":${count + 1}`);
    },
  );
});
