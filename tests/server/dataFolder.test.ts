import { spawn } from "node:child_process";
import { chmodSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { bootId } from "../../src/records/processIdentity.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { dataDir } from "../support/records.ts";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(dir: string): Promise<RunningServer> {
  const server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: "" });
  cleanups.push(() => server.stop());
  return server;
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

/** An acknowledgement and a roster import, so that every data file exists. */
async function useEveryFile(server: RunningServer, dir: string, id: string): Promise<void> {
  expect((await post(server.url, validBody(id))).status).toBe(201);
  const token = readFileSync(dataFiles(dir).adminToken, "utf8").trim();
  const imported = await fetch(`${server.url}/api/admin/roster`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body: `id,name,email,department,start date,manager\nE-${id},Ada Lovelace,${id}@kestrel.example,Ops,2026-01-05,\n`,
  });
  expect(imported.status, await imported.clone().text()).toBe(200);
}

describe("the data folder's modes on the built server", () => {
  it("creates the folder 0700 and every file 0600, whatever the umask it is started with", async () => {
    // Started with umask 0: what the server creates must not depend on the operator's umask.
    const previous = process.umask(0);
    cleanups.push(() => void process.umask(previous));
    const dir = path.join(dataDir(), "records");
    const server = await serve(dir);
    await useEveryFile(server, dir, "modes00001");
    const files = dataFiles(dir);
    expect(modeOf(dir)).toBe(0o700);
    const every = [
      files.journal,
      files.state,
      files.adminToken,
      files.lock,
      files.signingKey,
      files.publicKeys,
      files.checkpoint,
      files.receiptSecret,
    ];
    for (const file of every) expect(modeOf(file), file).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(every.map((f) => path.basename(f)).sort());
  });

  it("makes a folder left readable by the previous release owner-only at start, and says what it changed", async () => {
    const dir = dataDir();
    const first = await serve(dir);
    await useEveryFile(first, dir, "modes00002");
    await first.stop();
    const files = dataFiles(dir);
    chmodSync(dir, 0o755);
    for (const file of [files.journal, files.state, files.adminToken]) chmodSync(file, 0o644);
    const again = await serve(dir);
    expect(modeOf(dir)).toBe(0o700);
    for (const file of [files.journal, files.state, files.adminToken]) {
      expect(modeOf(file), file).toBe(0o600);
      expect(again.output()).toContain(
        `${file} was open to other users (mode 0644), though the records hold names and emails: it is now 0600, owner only.`,
      );
    }
    expect((await post(again.url, validBody("modes00003"))).status).toBe(201);
  });
});

describe("the data-folder lock on the built server", () => {
  /** A lock as the server writes it, naming `pid`. */
  const lock = (dir: string, fields: Record<string, unknown>) =>
    JSON.stringify({
      startTicks: "1",
      bootId: bootId(),
      host: hostname(),
      dir: realpathSync(dir),
      since: "2026-03-01T09:00:00.000Z",
      ...fields,
    });

  it("starts over a lock naming a live process that is not the server, and reports the takeover", async () => {
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    cleanups.push(() => void sleeper.kill("SIGKILL"));
    await new Promise((resolve) => sleeper.once("spawn", resolve));
    const dir = dataDir();
    writeFileSync(dataFiles(dir).lock, lock(dir, { pid: sleeper.pid }));
    const server = await serve(dir);
    expect(server.output()).toMatch(
      new RegExp(
        `names process ${sleeper.pid}, which runs but is not the server .* It was taken over: .*server\\.lock now names this server\\.`,
      ),
    );
    expect(JSON.parse(readFileSync(dataFiles(dir).lock, "utf8"))).toMatchObject({ pid: server.process.pid });
    expect((await post(server.url, validBody("aftersleep1"))).status).toBe(201);
  });

  it("starts over an earlier release's lock whose process has gone", async () => {
    const dir = dataDir();
    const pid = Number(readFileSync("/proc/sys/kernel/pid_max", "utf8")) + 1;
    writeFileSync(dataFiles(dir).lock, String(pid));
    const server = await serve(dir);
    expect(server.output()).toContain(
      `(an earlier release's lock, naming process ${pid}) was left by a server that no longer runs`,
    );
  });

  it("refuses a lock file it cannot read, and one from another host, saying what to do, and leaves them", async () => {
    const dir = dataDir();
    const cases: [string, RegExp][] = [
      [
        "garbage\u0000",
        /cannot start: The data folder .* has a lock file, .*server\.lock, that this server cannot read \(it begins "garbage\\u0000"\)\. If no aup-course server is using the folder \(check with ps\), delete/,
      ],
      [
        lock(dir, { pid: 4242, host: "records-02" }),
        /cannot start: The data folder .* is locked by an aup-course server on another host, records-02 \(process 4242, .*Check whether a server runs there/,
      ],
    ];
    for (const [content, message] of cases) {
      writeFileSync(dataFiles(dir).lock, content);
      await expect(startServer({ AUP_DATA_DIR: dir })).rejects.toThrow(message);
      expect(readFileSync(dataFiles(dir).lock, "utf8")).toBe(content);
    }
  });
});
