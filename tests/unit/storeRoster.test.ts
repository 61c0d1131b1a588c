import { readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { readRoster } from "../../src/records/stateFile.ts";
import { isStoreError } from "../../src/records/storeError.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { dataDir } from "../support/records.ts";
import { fill, smallDisk } from "../support/smallDisk.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const employee = (n: number, department = "Ops"): Employee => ({
  id: `E-${n}`,
  name: `Person ${n}`,
  email: `p${n}@kestrel.example`,
  department,
  startDate: "2026-01-01",
  manager: "",
});

describe("the store's roster", () => {
  it("starts empty, merges imports by id, and keeps them across a restart", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    expect(store.roster()).toEqual([]);
    expect(await store.importRoster([employee(1), employee(2)])).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const first = store.roster();
    expect(await store.importRoster([employee(1, "Legal"), employee(2), employee(3)])).toEqual({
      added: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(store.roster().map((e) => `${e.id}:${e.department}`)).toEqual(["E-1:Legal", "E-2:Ops", "E-3:Ops"]);
    expect(first.map((e) => e.department)).toEqual(["Ops", "Ops"]); // a list handed out never changes
    await store.close();

    const reopened = await openRecordsStore(dir);
    expect(reopened.roster()).toEqual([employee(1, "Legal"), employee(2), employee(3)]);
    await reopened.close();
    expect(await readRoster(dir)).toEqual([employee(1, "Legal"), employee(2), employee(3)]);
  });

  it("counts an employee whose fields were built in another order as unchanged", async () => {
    const store = await openRecordsStore(dataDir());
    await store.importRoster([employee(1)]);
    const reordered = Object.fromEntries(Object.entries(employee(1)).reverse()) as unknown as Employee;
    expect(await store.importRoster([reordered])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    await store.close();
  });

  it("runs concurrent imports one after the other, losing none", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    const changes = await Promise.all([1, 2, 3, 4].map((n) => store.importRoster([employee(n)])));
    expect(changes.every((c) => c.added === 1)).toBe(true);
    await store.close();
    expect((await readRoster(dir)).map((e) => e.id)).toEqual(["E-1", "E-2", "E-3", "E-4"]);
  });

  it("refuses employees it could not read back, saving nothing", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.importRoster([employee(1)]);
    const before = readFileSync(dataFiles(dir).state, "utf8");
    const extra = { ...employee(2), team: "Blue" } as Employee;
    await expect(store.importRoster([employee(3), extra])).rejects.toThrow(/team/);
    expect(store.roster()).toEqual([employee(1)]);
    expect(readFileSync(dataFiles(dir).state, "utf8")).toBe(before);
    await store.close();
  });

  it("imports all or nothing when the disk is full: the file and memory both keep the old roster", async () => {
    const disk = smallDisk(256);
    cleanups.push(() => disk.remove());
    const store = await openRecordsStore(disk.dir);
    cleanups.push(() => store.close());
    await store.importRoster([employee(1)]);
    const before = readFileSync(dataFiles(disk.dir).state, "utf8");
    const filler = fill(disk.dir, 4 * 1024);

    const many = Array.from({ length: 500 }, (_, n) => employee(n + 2));
    const failure: unknown = await store.importRoster(many).catch((error: unknown) => error);
    expect(isStoreError(failure, "write-failed")).toBe(true);
    expect((failure as Error).message).toMatch(
      /state\.json could not be saved \(ENOSPC\); the previous version is intact/,
    );
    expect(store.roster()).toEqual([employee(1)]);
    expect(readFileSync(dataFiles(disk.dir).state, "utf8")).toBe(before);

    rmSync(filler);
    expect(await store.importRoster(many)).toEqual({ added: 500, updated: 0, unchanged: 0 });
    expect(store.roster()).toHaveLength(501);
  });
});
