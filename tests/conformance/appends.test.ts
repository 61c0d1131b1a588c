import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { acknowledgement, allRecords, recorded } from "../support/records.ts";
import { STORE_KINDS } from "./storeKinds.ts";

describe.each(STORE_KINDS)("the $name store's appends", (kind) => {
  it("records concurrent acknowledgements exactly once each, in one valid chain, as stored", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, n) => recorded(await store.acknowledge(acknowledgement(n)))),
    );
    expect(new Set(results.map((r) => r.record.id)).size).toBe(200);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(store.index.count).toBe(200);
    const records = await allRecords(store);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(verifyChain(records)).toBeUndefined();
    await store.close();
    // Underneath the store: the lines are the records as answered, byte for byte.
    const byId = new Map(results.map(({ record }) => [record.id, JSON.stringify(record)]));
    const lines = await kind.lines(place);
    expect(lines).toHaveLength(200);
    for (const line of lines) expect(line).toBe(byId.get((JSON.parse(line) as { id: string }).id));
  });

  it("keeps every record across a restart and continues the chain", async () => {
    const place = await kind.place();
    const first = await kind.open(place);
    await first.acknowledge(acknowledgement(1));
    await first.close();
    const second = await kind.open(place);
    expect(second.index.count).toBe(1);
    expect(second.index.seqOfAttempt("attempt-1")).toBe(1);
    await second.acknowledge(acknowledgement(2));
    const records = await allRecords(second);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(verifyChain(records)).toBeUndefined();
    expect(await second.record(2)).toEqual(records[1]);
    expect(await second.record(3)).toBeUndefined();
    expect(await second.record(0)).toBeUndefined();
    await second.close();
  });

  it("records a double submit once and returns the first record to every repeat, before and after a restart", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    const [a, b] = (
      await Promise.all([store.acknowledge(acknowledgement(1, "same")), store.acknowledge(acknowledgement(1, "same"))])
    ).map(recorded);
    expect([a?.duplicate, b?.duplicate]).toEqual([false, true]);
    expect(b?.record).toEqual(a?.record);
    await store.close();
    const reopened = await kind.open(place);
    const c = recorded(await reopened.acknowledge(acknowledgement(1, "same")));
    expect(c.duplicate).toBe(true);
    expect(c.record).toEqual(a?.record);
    expect(reopened.index.count).toBe(1);
    await reopened.close();
  });

  it("refuses an attempt id used for another learner or another result, writing nothing", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    await store.acknowledge(acknowledgement(1, "taken"));
    expect(await store.acknowledge(acknowledgement(2, "taken"))).toEqual({ conflict: true });
    const otherResult = acknowledgement(1, "taken");
    otherResult.result.attempt += 1;
    expect(await store.acknowledge(otherResult)).toEqual({ conflict: true });
    // In flight together: one is recorded, the other refused.
    const racing = await Promise.all([
      store.acknowledge(acknowledgement(3, "race")),
      store.acknowledge(acknowledgement(4, "race")),
    ]);
    expect(racing.filter((outcome) => "conflict" in outcome)).toHaveLength(1);
    expect(store.index.count).toBe(2);
    await store.close();
    expect(await kind.lines(place)).toHaveLength(2);
  });
});
