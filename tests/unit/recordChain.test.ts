import { describe, expect, it } from "vitest";
import { recordHash, verifyChain } from "../../src/records/chain.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { acknowledgement, allRecords, dataDir } from "../support/records.ts";

async function fiveRecords(): Promise<AcknowledgementRecord[]> {
  const store = await openRecordsStore(dataDir());
  for (let n = 1; n <= 5; n++) await store.acknowledge(acknowledgement(n));
  const records = await allRecords(store);
  await store.close();
  return records;
}

describe("record chain", () => {
  it("accepts an untouched journal", async () => {
    expect(verifyChain(await fiveRecords())).toBeUndefined();
  });

  it("catches an edited record, even when its own hash is recomputed", async () => {
    const records = await fiveRecords();
    const edited = records[2] as AcknowledgementRecord;
    edited.result.score = 1;
    expect(verifyChain(records)).toMatchObject({
      index: 2,
      id: "ack-000003",
      reason: expect.stringContaining("content was changed") as string,
    });
    edited.hash = recordHash({ ...edited, hash: undefined } as never);
    expect(verifyChain(records)).toMatchObject({
      index: 3,
      reason: expect.stringContaining("does not link") as string,
    });
  });

  it("catches a deleted record", async () => {
    const records = await fiveRecords();
    records.splice(1, 1);
    expect(verifyChain(records)).toMatchObject({ index: 1, id: "ack-000003" });
  });

  it("catches an inserted record", async () => {
    const records = await fiveRecords();
    records.splice(2, 0, structuredClone(records[4] as AcknowledgementRecord));
    expect(verifyChain(records)).toMatchObject({ index: 2 });
  });

  it("catches reordered records", async () => {
    const records = await fiveRecords();
    [records[1], records[3]] = [records[3] as AcknowledgementRecord, records[1] as AcknowledgementRecord];
    expect(verifyChain(records)).toMatchObject({ index: 1, id: "ack-000004" });
  });
});
