import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/records/chain.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement, allRecords, dataDir } from "../support/records.ts";

describe("the provider's subject in a record", () => {
  it("is kept, chained and read back across a restart, beside records without one", async () => {
    const dir = dataDir();
    const first = await openRecordsStore(dir);
    await first.acknowledge(acknowledgement(1));
    const signedIn = acknowledgement(2);
    await first.acknowledge({ ...signedIn, learner: { ...signedIn.learner, selfAsserted: false, subject: "00u1abc" } });
    await first.close();
    // A restart parses and checks every line of the journal with the record schema.
    const second = await openRecordsStore(dir);
    const records = await allRecords(second);
    expect(records.map((r) => r.learner.subject)).toEqual([undefined, "00u1abc"]);
    expect("subject" in (records[0]?.learner ?? {})).toBe(false);
    expect(verifyChain(records)).toBeUndefined();
    await second.close();
  });
});
