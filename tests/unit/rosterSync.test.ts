import { describe, expect, it } from "vitest";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { readRoster } from "../../src/records/stateFile.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { dataDir } from "../support/records.ts";

const employee = (n: number): Employee => ({
  id: `E-${n}`,
  name: `Person ${n}`,
  email: `p${n}@kestrel.example`,
  department: "Ops",
  startDate: "2026-01-01",
  manager: "",
});

describe("a full sync of the roster", () => {
  it("marks employees missing from the file as left, keeps them, and brings them back when imported again", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.importRoster([employee(1), employee(2), employee(3)]);
    expect(await store.importRoster([employee(1), employee(3)], { today: "2026-05-04" })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 2,
      left: 1,
    });
    expect(store.roster()).toEqual([employee(1), { ...employee(2), leftOn: "2026-05-04" }, employee(3)]);
    // A second sync does not move the day they left.
    expect(await store.importRoster([employee(1), employee(3)], { today: "2026-06-01" })).toMatchObject({ left: 0 });
    expect(store.roster()[1]?.leftOn).toBe("2026-05-04");
    // An import without sync leaves the others alone; it brings back whoever it names.
    expect(await store.importRoster([employee(2)])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(store.roster()).toEqual([employee(1), employee(2), employee(3)]);
    await store.close();
    expect(await readRoster(dir)).toEqual([employee(1), employee(2), employee(3)]);
  });

  it("marks a single leaver and takes it back, saved across a restart; an unknown id changes nothing", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    await store.importRoster([employee(1), employee(2)]);
    expect(await store.markLeaver("E-2", "2026-03-31")).toEqual({ ...employee(2), leftOn: "2026-03-31" });
    expect(await store.markLeaver("E-9", "2026-03-31")).toBeUndefined();
    await store.close();
    const reopened = await openRecordsStore(dir);
    expect(reopened.roster()).toEqual([employee(1), { ...employee(2), leftOn: "2026-03-31" }]);
    expect(await reopened.markLeaver("E-2", undefined)).toEqual(employee(2));
    expect(reopened.roster()).toEqual([employee(1), employee(2)]);
    await reopened.close();
  });

  it("refuses a leaving day that is not a real date, saving nothing", async () => {
    const store = await openRecordsStore(dataDir());
    await store.importRoster([employee(1)]);
    await expect(store.markLeaver("E-1", "2026-02-30")).rejects.toThrow(/real date/);
    expect(store.roster()).toEqual([employee(1)]);
    await store.close();
  });
});
