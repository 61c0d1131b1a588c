import { spawn } from "node:child_process";
import { existsSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataLock } from "../../src/records/dataLock.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { bootId, bootTime, processStartTicks } from "../../src/records/processIdentity.ts";
import { dataDir } from "../support/records.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Takes the lock of `dir`, collecting what it reports; released after the test. */
function acquire(dir: string): string[] {
  const warnings: string[] = [];
  cleanups.push(acquireDataLock(dir, (message) => warnings.push(message)));
  return warnings;
}

/** A lock as this version writes it, for this process unless told otherwise. */
function lockOf(dir: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    bootId: bootId(),
    host: hostname(),
    dir: realpathSync(dir),
    since: "2026-03-01T09:00:00.000Z",
    ...fields,
  });
}

/** A live process that is not a server: `sleep`, stopped after the test. */
async function sleeper(): Promise<number> {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  cleanups.push(() => child.kill("SIGKILL"));
  await new Promise((resolve) => child.once("spawn", resolve));
  return child.pid ?? 0;
}

/** A pid no process has: one past the largest the kernel hands out. */
const deadPid = () => Number(readFileSync("/proc/sys/kernel/pid_max", "utf8")) + 1;

describe("the data-folder lock", () => {
  it("is created whole and owner-only, names this process, and is removed on release", () => {
    const dir = dataDir();
    const previous = process.umask(0); // so that the mode comes from the code, not the umask
    let release: () => void;
    try {
      release = acquireDataLock(dir, () => undefined);
    } finally {
      process.umask(previous);
    }
    const file = dataFiles(dir).lock;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      pid: process.pid,
      startTicks: processStartTicks(process.pid),
      bootId: bootId(),
      host: hostname(),
      dir: realpathSync(dir),
    });
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("refuses a live server of this folder, naming the process and what to do", () => {
    const dir = dataDir();
    acquire(dir);
    expect(() => acquireDataLock(dir)).toThrow(
      new RegExp(
        `Another aup-course server \\(process ${process.pid}\\) is already using the data folder .*: it took the lock .*server\\.lock on .*\\. Stop it first \\(kill ${process.pid}\\), or give this one its own folder with AUP_DATA_DIR\\.`,
      ),
    );
  });

  it("takes over a lock whose process has gone, and says so", () => {
    const dir = dataDir();
    const pid = deadPid();
    writeFileSync(dataFiles(dir).lock, lockOf(dir, { pid }));
    const warnings = acquire(dir);
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `server\\.lock was left by a server \\(process ${pid}, .*\\) that no longer runs\\. It was taken over`,
        ),
      ),
    ]);
    expect(JSON.parse(readFileSync(dataFiles(dir).lock, "utf8"))).toMatchObject({ pid: process.pid });
  });

  it("takes over a lock whose pid now names another process (a live one that is not the server)", async () => {
    const dir = dataDir();
    const pid = await sleeper();
    writeFileSync(dataFiles(dir).lock, lockOf(dir, { pid, startTicks: "1" }));
    expect(acquire(dir)).toEqual([
      expect.stringMatching(
        new RegExp(`names process ${pid}, which runs but is not the server .*the process id was reused`),
      ),
    ]);
  });

  it("takes over a lock naming this very pid with another start time (a container's pid 1 after a restart)", () => {
    const dir = dataDir();
    writeFileSync(dataFiles(dir).lock, lockOf(dir, { startTicks: "12345" }));
    expect(acquire(dir)).toEqual([expect.stringMatching(/the process id was reused/)]);
  });

  it("takes over a lock from before the machine last started", () => {
    const dir = dataDir();
    writeFileSync(dataFiles(dir).lock, lockOf(dir, { bootId: "00000000-0000-0000-0000-000000000000" }));
    expect(acquire(dir)).toEqual([expect.stringMatching(/from before this machine last started/)]);
  });

  it("takes over a lock written by the live server of another folder (a folder copied with its lock)", () => {
    const dir = dataDir();
    writeFileSync(dataFiles(dir).lock, lockOf(dir, { dir: "/srv/aup/data" }));
    expect(acquire(dir)).toEqual([
      expect.stringMatching(/written by the server of another data folder, \/srv\/aup\/data .*copied or moved/),
    ]);
  });

  it("refuses a lock from another host (shared storage), saying to check that host, and leaves it", () => {
    const dir = dataDir();
    const lock = lockOf(dir, { host: "records-02.kestrel.example", pid: deadPid() });
    writeFileSync(dataFiles(dir).lock, lock);
    expect(() => acquireDataLock(dir)).toThrow(
      /locked by an aup-course server on another host, records-02\.kestrel\.example .*storage shared with that host\. Check whether a server runs there/,
    );
    expect(readFileSync(dataFiles(dir).lock, "utf8")).toBe(lock);
  });

  it("refuses a lock file it cannot read, quoting it and saying what to do, and leaves it", () => {
    const dir = dataDir();
    for (const [content, shown] of [
      ["not a lock at all", /it begins "not a lock at all"/],
      ["", /it is empty/],
      ['{"pid":"twelve"}', /it begins "\{\\"pid\\":\\"twelve\\"\}"/],
    ] as const) {
      writeFileSync(dataFiles(dir).lock, content);
      expect(() => acquireDataLock(dir)).toThrow(shown);
      expect(() => acquireDataLock(dir)).toThrow(
        /has a lock file, .*server\.lock, that this server cannot read .*If no aup-course server is using the folder \(check with ps\), delete .*server\.lock and start again\./,
      );
      expect(readFileSync(dataFiles(dir).lock, "utf8")).toBe(content);
    }
  });

  it("takes over a lock file it cannot read when it was written before the machine last started", () => {
    const dir = dataDir();
    const file = dataFiles(dir).lock;
    writeFileSync(file, "");
    const beforeBoot = new Date((bootTime()?.getTime() ?? 0) - 3_600_000);
    utimesSync(file, beforeBoot, beforeBoot);
    expect(acquire(dir)).toEqual([
      expect.stringMatching(/is not a lock this server can read \(it is empty\), and was written before this machine/),
    ]);
  });

  describe("from an earlier release (the process id alone)", () => {
    it("takes it over when that process has gone", () => {
      const dir = dataDir();
      writeFileSync(dataFiles(dir).lock, String(deadPid()));
      expect(acquire(dir)).toEqual([
        expect.stringMatching(
          /an earlier release's lock, naming process \d+\) was left by a server that no longer runs/,
        ),
      ]);
    });

    it("takes it over when the process it names started after the lock was written", async () => {
      const dir = dataDir();
      const file = dataFiles(dir).lock;
      const pid = await sleeper();
      writeFileSync(file, `${pid}\n`);
      const anHourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(file, anHourAgo, anHourAgo);
      expect(acquire(dir)).toEqual([
        expect.stringMatching(
          new RegExp(`naming process ${pid}\\) names a process that started .*the process id was reused`),
        ),
      ]);
    });

    it("takes it over when it names this very process", () => {
      const dir = dataDir();
      writeFileSync(dataFiles(dir).lock, String(process.pid));
      expect(acquire(dir)).toEqual([expect.stringMatching(/names this very process/)]);
    });

    it("refuses it when the process it names was already running, saying how to tell", () => {
      const dir = dataDir();
      writeFileSync(dataFiles(dir).lock, "1"); // pid 1 started with the machine, before any lock
      expect(() => acquireDataLock(dir)).toThrow(
        /Another aup-course server \(process 1\) is already using the data folder .*earlier release's format .*If process 1 is not an aup-course server, delete .*server\.lock and start again\./,
      );
    });
  });

  it("leaves a lock that another server has taken over since", () => {
    const dir = dataDir();
    const release = acquireDataLock(dir, () => undefined);
    const theirs = lockOf(dir, { pid: deadPid() + 1 });
    writeFileSync(dataFiles(dir).lock, theirs);
    release();
    expect(readFileSync(dataFiles(dir).lock, "utf8")).toBe(theirs);
  });
});
