import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { fill, smallDisk } from "../support/smallDisk.ts";

const TOKEN = "disk-full-admin-token-0123456789";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A tiny disk for the data folder, removed after the test (after the servers on it have stopped). */
function smallDiskDir(kilobytes: number): string {
  const disk = smallDisk(kilobytes);
  cleanups.push(() => disk.remove());
  return disk.dir;
}

describe("a full disk or a read-only data folder", () => {
  it("answers 503 without losing or half-writing a record, and recovers when space returns", async () => {
    const dir = smallDiskDir(512);
    const server: RunningServer = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    cleanups.push(() => server.stop());
    const filler = fill(dir, 6 * 1024);

    const answers: { id: string; status: number; text: string }[] = [];
    for (let n = 0; n < 40; n++) {
      const id = `diskfull${String(n).padStart(3, "0")}`;
      const answer = await post(server.url, validBody(id));
      answers.push({ id, status: answer.status, text: await answer.text() });
    }
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.text).toContain("the disk is full");
    expect(refused[0]?.text).toContain("Nothing was recorded; earlier records are intact");
    const confirmed = answers.filter((a) => a.status === 201).map((a) => a.id);
    expect(confirmed.length + refused.length).toBe(answers.length);

    const journal = () =>
      readFileSync(dataFiles(dir).journal, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AcknowledgementRecord);
    expect(journal().map((r) => r.result.attemptId)).toEqual(confirmed);
    expect(verifyChain(journal())).toBeUndefined();

    const roster = await fetch(`${server.url}/api/admin/roster`, {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${TOKEN}` },
      body: `id,name,email,department,start date,manager\n${Array.from({ length: 200 }, (_, i) => `E-${i},Person ${i},p${i}@kestrel.example,Ops,2026-01-01,`).join("\n")}\n`,
    });
    expect(roster.status).toBe(503);

    rmSync(filler);
    const after = await post(server.url, validBody("diskfullafter"));
    expect(after.status).toBe(201);
    expect(verifyChain(journal())).toBeUndefined();
    expect(journal().at(-1)?.result.attemptId).toBe("diskfullafter");
  });

  it("refuses to start on a read-only data folder, saying why, and starts once it is writable again", async () => {
    const dir = smallDiskDir(1024);
    const first = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    expect((await post(first.url, validBody("readonly001"))).status).toBe(201);
    await first.stop();
    const before = readFileSync(dataFiles(dir).journal, "utf8");

    execFileSync("mount", ["-o", "remount,ro", dir]);
    await expect(startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN })).rejects.toThrow(
      /cannot start: The data folder .* cannot be written \(EROFS\)/,
    );
    execFileSync("mount", ["-o", "remount,rw", dir]);
    expect(readFileSync(dataFiles(dir).journal, "utf8")).toBe(before);

    const again = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    cleanups.push(() => again.stop());
    expect((await post(again.url, validBody("readonly002"))).status).toBe(201);
  });
});
