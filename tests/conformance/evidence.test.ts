import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { parseCheckpoint } from "../../src/evidence/checkpoint.ts";
import { MerkleTree, recordLeafHash } from "../../src/evidence/merkleTree.ts";
import { verifyInclusion } from "../../src/evidence/merkleVerify.ts";
import { openNote } from "../../src/evidence/signedNote.ts";
import { verifyReceipt } from "../../src/evidence/verifyReceipt.ts";
import { exportStream } from "../../src/hr/exportRecords.ts";
import { verifyChain } from "../../src/records/chain.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import type { RecordsStore } from "../../src/records/recordsStore.ts";
import { signedReceipt } from "../../src/server/signedReceipt.ts";
import { acknowledgement, allRecords } from "../support/records.ts";
import { STORE_KINDS, type Place, type StoreKind } from "./storeKinds.ts";

function rootOf(lines: readonly string[]): Buffer {
  const tree = new MerkleTree();
  for (const line of lines) tree.append(recordLeafHash(line));
  return tree.root();
}

async function storeWith(kind: StoreKind, count: number): Promise<{ place: Place; store: RecordsStore }> {
  const place = await kind.place();
  const store = await kind.open(place);
  await Promise.all(Array.from({ length: count }, (_, n) => store.acknowledge(acknowledgement(n + 1))));
  return { place, store };
}

describe.each(STORE_KINDS)("the $name store's evidence", (kind) => {
  it("exports every record as CSV and JSON, the JSON the records as stored, in a chain that verifies", async () => {
    const { place, store } = await storeWith(kind, 7);
    const json = JSON.parse(
      await text(exportStream(store.records(), store.roster(), { format: "json" })),
    ) as AcknowledgementRecord[];
    expect(json.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(verifyChain(json)).toBeUndefined();
    expect(json.map((r) => JSON.stringify(r))).toEqual(await kind.lines(place));
    const csv = await text(exportStream(store.records(), store.roster(), { format: "csv" }));
    expect(csv.trimEnd().split("\r\n")).toHaveLength(8);
    expect(csv).toContain("learner7@kestrel.example");
    await store.close();
  });

  it("signs a checkpoint of every stored line that opens with the public key, and moves it on with new records", async () => {
    const { place, store } = await storeWith(kind, 5);
    const checkpoint = await store.checkpoint();
    const opened = await openNote(checkpoint.note, [
      { name: store.keys.origin, publicKey: store.keys.current.publicKey },
    ]);
    expect(opened.ok).toBe(true);
    const body = parseCheckpoint(opened.ok ? opened.text : "");
    expect(body).toMatchObject({ origin: store.keys.origin, size: 5 });
    expect(Buffer.from(body.root)).toEqual(rootOf(await kind.lines(place)));
    await store.acknowledge(acknowledgement(6));
    expect((await store.checkpoint()).size).toBe(6);
    await store.close();
  });

  it("proves each record in a checkpoint and signs receipts that verify with the public keys alone", async () => {
    const { store } = await storeWith(kind, 3);
    for (let seq = 1; seq <= 3; seq++) {
      const evidence = await store.evidence(seq);
      expect(JSON.parse(evidence?.line ?? "{}")).toMatchObject({ seq });
      const leaf = recordLeafHash(evidence?.line ?? "");
      expect(
        await verifyInclusion(
          leaf,
          seq - 1,
          evidence?.checkpoint.size ?? 0,
          evidence?.proof ?? [],
          evidence?.checkpoint.root ?? Buffer.alloc(32),
        ),
      ).toBe(true);
      const receipt = await signedReceipt(store, seq);
      const verified = await verifyReceipt(receipt ?? "", store.keys.jwks);
      expect(verified).toMatchObject({ ok: true, summary: { id: `ack-00000${seq}` } });
    }
    expect(await store.evidence(4)).toBeUndefined();
    expect(await signedReceipt(store, 4)).toBeUndefined();
    await store.close();
  });

  it("refuses to open when the records a checkpoint signed were rewritten, every hash recomputed", async () => {
    const { place, store } = await storeWith(kind, 4);
    await store.close();
    await kind.rewrite(place, (records) =>
      records.map((r, i) => (i === 1 ? { ...r, learner: { ...r.learner, email: "x@kestrel.example" } } : r)),
    );
    expect(verifyChain((await kind.lines(place)).map((l) => JSON.parse(l) as AcknowledgementRecord))).toBeUndefined();
    await expect(kind.open(place)).rejects.toThrow(/first 4 records .*not the ones .*signed/);
  });

  it("refuses to open when records a checkpoint signed are missing", async () => {
    const { place, store } = await storeWith(kind, 4);
    await store.close();
    await kind.rewrite(place, (records) => records.slice(0, 2));
    await expect(kind.open(place)).rejects.toThrow(/records 3 to 4 are missing/);
  });

  it("reads back every record through the store and nothing else", async () => {
    const { store } = await storeWith(kind, 3);
    const records = await allRecords(store);
    for (const record of records) expect(await store.record(record.seq)).toEqual(record);
    await store.close();
  });
});
