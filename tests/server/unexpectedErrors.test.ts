import { mkdirSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { dataDirWithRecords } from "../support/records.ts";

const TOKEN = "unexpected-errors-admin-token-0123";
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/** The length of what the server has printed, once it has printed nothing for a moment (its start-up notes). */
async function quietOutput(server: RunningServer): Promise<number> {
  for (let length = -1; length !== server.output().length;) {
    length = server.output().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return server.output().length;
}

/** The lines the server printed since `from` (an offset in its output), once it has gone quiet. */
async function printedSince(server: RunningServer, from: number): Promise<string[]> {
  await quietOutput(server);
  return server.output().slice(from).split("\n").filter(Boolean);
}

describe("an error nothing expected", () => {
  it("is answered 500 without its stack, and logged once, on one line, with the request and the first frames", async () => {
    const dir = await dataDirWithRecords(1);
    const server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    servers.push(server);
    // The receipt secret becomes a folder under the running server: reading it fails with EISDIR, an
    // error no route expects (a store failure has its own 503).
    const secret = dataFiles(dir).receiptSecret;
    rmSync(secret);
    mkdirSync(secret);

    const before = await quietOutput(server);
    const answer = await fetch(`${server.url}/receipt/ack-000001?k=some-key`);
    const body = await answer.text();
    expect(answer.status).toBe(500);
    // The answer says what happened and what to do, and nothing of the code.
    expect(body).toContain("Something went wrong on the server");
    expect(body).not.toMatch(/EISDIR|receipt-secret|\bat \S+ \(|node:internal|\.ts:\d+|\.mjs:\d+/);
    expect(answer.headers.get("cache-control")).toBe("no-store");

    const printed = await printedSince(server, before);
    expect(printed).toHaveLength(1);
    const [line = ""] = printed;
    expect(line).toMatch(/^aup-course: unexpected error on GET \/receipt\/ack-000001: /);
    expect(line).toContain("EISDIR");
    // The query can hold a receipt key: the log leaves it out.
    expect(line).not.toContain("some-key");
    // The first frames, compactly, so that the place is found without the whole trace.
    expect(line).toMatch(/ at \S+/);
    expect(line.split(" at ").length - 1).toBeLessThanOrEqual(3);
    expect(line.length).toBeLessThan(800);

    // The server keeps answering: the next request is logged again, once.
    const again = await fetch(`${server.url}/receipt/ack-000001?k=some-key`);
    expect(again.status).toBe(500);
    await again.text();
    expect(await printedSince(server, before)).toHaveLength(2);
    expect((await fetch(`${server.url}/policy`)).status).toBe(200);
  });

  it("thrown by an API route is answered 500 as JSON, without its stack, and logged once", async () => {
    const dir = await dataDirWithRecords(1);
    const server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
    servers.push(server);
    const secret = dataFiles(dir).receiptSecret;
    rmSync(secret);
    mkdirSync(secret);

    const before = await quietOutput(server);
    // The acknowledgement's answer carries a receipt link, made with the secret.
    const answer = await post(server.url, validBody("unexpected001"));
    const text = await answer.text();
    expect(answer.status).toBe(500);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect((JSON.parse(text) as { error: string }).error).toContain("Something went wrong on the server");
    expect(text).not.toMatch(/EISDIR|\bat \S+ \(/);
    const printed = await printedSince(server, before);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^aup-course: unexpected error on POST \/api\/acknowledgements: .*EISDIR/);
  });
});
