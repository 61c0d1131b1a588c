import { describe, expect, it } from "vitest";
import { statusRows } from "../../src/hr/report.ts";
import { shippedPolicy } from "../../scripts/harness/onboardingResult.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import { acknowledgement } from "../support/records.ts";
import { STORE_KINDS } from "./storeKinds.ts";

const employee = (n: number, department = "Ops"): Employee => ({
  id: `e-${1000 + n}`,
  name: `Learner ${n}`,
  email: `learner${n}@kestrel.example`,
  department,
  startDate: "2026-01-01",
  manager: "",
});

describe.each(STORE_KINDS)("the $name store's roster and status", (kind) => {
  it("starts empty, merges imports by id, and keeps them across a restart", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    expect(store.roster()).toEqual([]);
    expect(await store.importRoster([employee(1), employee(2)])).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const first = store.roster();
    expect(await store.importRoster([employee(1, "Legal"), employee(2), employee(3)])).toEqual({
      added: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(store.roster().map((e) => `${e.id}:${e.department}`)).toEqual(["e-1001:Legal", "e-1002:Ops", "e-1003:Ops"]);
    expect(first.map((e) => e.department)).toEqual(["Ops", "Ops"]); // a list handed out never changes
    await store.close();
    const reopened = await kind.open(place);
    expect(reopened.roster()).toEqual([employee(1, "Legal"), employee(2), employee(3)]);
    await reopened.close();
  });

  it("imports all of a roster or none of it: a row the store would not read back changes nothing", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    await store.importRoster([employee(1)]);
    const broken = { ...employee(2), startDate: "2026-02-30" };
    await expect(store.importRoster([employee(3), broken])).rejects.toThrow(/startDate/);
    expect(store.roster()).toEqual([employee(1)]);
    // Imports run one at a time, in the order they were called, whatever each one's outcome.
    await Promise.all([store.importRoster([employee(4)]), store.importRoster([employee(5)])]);
    expect(store.roster().map((e) => e.id)).toEqual(["e-1001", "e-1004", "e-1005"]);
    await store.close();
    const reopened = await kind.open(place);
    expect(reopened.roster().map((e) => e.id)).toEqual(["e-1001", "e-1004", "e-1005"]);
    await reopened.close();
  });

  it("gives the status rules the same learners and records: complete, due, and records that count for no one", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    await store.importRoster([employee(1), employee(2)]);
    await store.acknowledge(acknowledgement(1));
    await store.acknowledge(acknowledgement(9)); // e-1009 is on no roster
    const today = new Date().toISOString().slice(0, 10);
    const rules = { policyHash: shippedPolicy.hash, effectiveDate: today, onboardingWindowDays: 14, today };
    const { rows, flagged } = statusRows(store.roster(), store.index.learners(), rules);
    expect(rows.map((r) => `${r.employee.id}:${r.status}`)).toEqual(["e-1001:complete", "e-1002:due"]);
    expect(flagged.map((f) => f.learner.id)).toEqual(["e-1009"]);
    expect(
      store.index
        .learnersWithId("e-1001")[0]
        ?.records()
        .map((r) => r.attemptId),
    ).toEqual(["attempt-1"]);
    expect(store.index.versions()).toEqual([shippedPolicy.version]);
    expect([...store.index.perMonth.values()]).toEqual([2]);
    await store.close();
  });
});
