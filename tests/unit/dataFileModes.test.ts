import { execFileSync } from "node:child_process";
import { appendFileSync, chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tightenDataFolder } from "../../src/records/dataFolderModes.ts";
import { dataFiles, isTornFile, tornFile } from "../../src/records/dataFiles.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { adminToken } from "../../src/server/adminAuth.ts";
import { acknowledgement, dataDir, recordAt } from "../support/records.ts";
import { smallDisk } from "../support/smallDisk.ts";

const modeOf = (file: string) => statSync(file).mode & 0o777;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Runs with umask 0, so that every mode seen is the one the code asked for: under the usual 022 a
 * file created without a mode would be 0644 and one with 0600 would look the same as under 077.
 */
function withoutUmask(): void {
  const previous = process.umask(0);
  cleanups.push(() => void process.umask(previous));
}

describe("modes of the files the store creates", () => {
  it("creates the data folder 0700 and the lock, the state file and the admin token 0600", async () => {
    withoutUmask();
    const dir = path.join(dataDir(), "nested", "data");
    const store = await openRecordsStore(dir);
    cleanups.push(() => store.close());
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(dataFiles(dir).lock)).toBe(0o600);
    await store.importRoster([
      { id: "E-1", name: "Ada", email: "ada@kestrel.example", department: "", startDate: "2026-01-01", manager: "" },
    ]);
    expect(modeOf(dataFiles(dir).state)).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("creates the journal, its saved index and a torn line set aside 0600", async () => {
    withoutUmask();
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.acknowledge(acknowledgement(1));
    await store.close();
    expect(modeOf(dataFiles(dir).journal)).toBe(0o600);
    expect(modeOf(dataFiles(dir).index)).toBe(0o600);
    appendFileSync(dataFiles(dir).journal, '{"seq":2');
    const reopened = await openRecordsStore(dir, () => undefined);
    cleanups.push(() => reopened.close());
    const aside = readdirSync(dir).find(isTornFile) ?? "";
    expect(modeOf(path.join(dir, aside))).toBe(0o600);
  });

  it("creates the admin token 0600, in a folder it creates 0700", () => {
    withoutUmask();
    const dir = path.join(dataDir(), "fresh");
    const saved = { dir: process.env.AUP_DATA_DIR, token: process.env.AUP_ADMIN_TOKEN };
    process.env.AUP_DATA_DIR = dir;
    delete process.env.AUP_ADMIN_TOKEN;
    cleanups.push(() => {
      for (const [key, value] of [
        ["AUP_DATA_DIR", saved.dir],
        ["AUP_ADMIN_TOKEN", saved.token],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    });
    expect(adminToken()).toMatch(/^[\w-]{32}$/);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(dataFiles(dir).adminToken)).toBe(0o600);
  });
});

describe("a data folder left open to others by an earlier release", () => {
  it("is made owner-only at start, the store's files too, each change reported; other files are left alone", async () => {
    const dir = dataDir();
    const files = dataFiles(dir);
    const torn = tornFile(files.journal, new Date("2026-02-01T10:00:00Z"));
    const notes = path.join(dir, "notes.txt");
    writeFileSync(files.journal, `${JSON.stringify(recordAt(1, "2026-01-05T09:00:00.000Z"))}\n`);
    writeFileSync(files.state, '{"roster":[]}');
    for (const file of [files.adminToken, torn, notes]) writeFileSync(file, "x");
    for (const file of [files.journal, files.state, torn, notes]) chmodSync(file, 0o644);
    chmodSync(files.adminToken, 0o640);
    chmodSync(dir, 0o755);
    const warnings: string[] = [];
    const store = await openRecordsStore(dir, (message) => warnings.push(message));
    cleanups.push(() => store.close());
    expect(modeOf(dir)).toBe(0o700);
    for (const file of [files.journal, files.state, files.adminToken, torn]) expect(modeOf(file), file).toBe(0o600);
    expect(modeOf(notes)).toBe(0o644);
    expect(warnings.filter((warning) => warning.includes("open to other users"))).toHaveLength(5);
    expect(warnings).toContain(
      `${dir} was open to other users (mode 0755), though the records hold names and emails: it is now 0700, owner only.`,
    );
    expect(warnings).toContain(
      `${files.adminToken} was open to other users (mode 0640), though the records hold names and emails: it is now 0600, owner only.`,
    );
  });

  it("says which chmod to run when a mode cannot be changed (a read-only mount), and goes on", () => {
    const disk = smallDisk(256);
    cleanups.push(() => disk.remove());
    const journal = dataFiles(disk.dir).journal;
    writeFileSync(journal, "x");
    chmodSync(journal, 0o644);
    chmodSync(disk.dir, 0o700);
    execFileSync("mount", ["-o", "remount,ro", disk.dir]);
    cleanups.push(() => void execFileSync("mount", ["-o", "remount,rw", disk.dir]));
    const warnings: string[] = [];
    tightenDataFolder(disk.dir, (message) => warnings.push(message));
    expect(warnings).toEqual([
      `${journal} is open to other users (mode 0644) and could not be changed (EROFS): as its owner, run chmod 600 ${journal}`,
    ]);
    expect(modeOf(journal)).toBe(0o644);
  });

  it("leaves a folder already owner-only as it is, without a word", () => {
    const dir = dataDir();
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(dataFiles(dir).journal, "x", { mode: 0o600 });
    chmodSync(dir, 0o700);
    const warnings: string[] = [];
    tightenDataFolder(dir, (message) => warnings.push(message));
    expect(warnings).toEqual([]);
  });
});
