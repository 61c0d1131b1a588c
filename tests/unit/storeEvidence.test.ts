import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCheckpoint } from "../../src/evidence/checkpoint.ts";
import { MerkleTree, recordLeafHash } from "../../src/evidence/merkleTree.ts";
import { verifyInclusion } from "../../src/evidence/merkleVerify.ts";
import { openNote } from "../../src/evidence/signedNote.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openRecordsStore, type RecordsStore } from "../../src/records/recordsStore.ts";
import { TAMPERINGS } from "../support/journalTampering.ts";
import { acknowledgement, dataDirWithRecords } from "../support/records.ts";

/** The Merkle root of the journal file as it is now, computed from its lines alone. */
function rootOfLines(file: string): Buffer {
  const tree = new MerkleTree();
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) tree.append(recordLeafHash(line));
  return tree.root();
}

function noteKeys(store: RecordsStore) {
  return [{ name: store.keys.origin, publicKey: store.keys.current.publicKey }];
}

describe("the store's checkpoints", () => {
  it("signs a checkpoint of the whole journal, kept in the data folder, that opens with the public key", async () => {
    const dir = await dataDirWithRecords(5);
    const files = dataFiles(dir);
    const store = await openRecordsStore(dir);
    const checkpoint = await store.checkpoint();
    expect(readFileSync(files.checkpoint, "utf8")).toBe(checkpoint.note);
    const opened = await openNote(checkpoint.note, noteKeys(store));
    expect(opened.ok).toBe(true);
    const body = parseCheckpoint(opened.ok ? opened.text : "");
    expect(body).toMatchObject({ origin: store.keys.origin, size: 5 });
    expect(Buffer.from(body.root)).toEqual(rootOfLines(files.journal));
    await store.close();
  });

  it("proves each record's line in a checkpoint that covers it, and a new record moves the checkpoint on", async () => {
    const store = await openRecordsStore(await dataDirWithRecords(3));
    expect((await store.checkpoint()).size).toBe(3);
    await store.acknowledge(acknowledgement(4));
    expect((await store.evidence(4))?.checkpoint.size).toBe(4);
    for (let seq = 1; seq <= 4; seq++) {
      const evidence = await store.evidence(seq);
      expect(evidence?.checkpoint.size).toBe(4);
      const leaf = recordLeafHash(evidence?.line ?? "");
      expect(JSON.parse(evidence?.line ?? "{}")).toMatchObject({ seq });
      expect(
        await verifyInclusion(leaf, seq - 1, 4, evidence?.proof ?? [], evidence?.checkpoint.root ?? Buffer.alloc(32)),
      ).toBe(true);
    }
    expect(await store.evidence(5)).toBeUndefined();
    await store.close();
  });

  it("rebuilds the same tree from the saved index as from every line, and refuses a saved index whose leaves were changed", async () => {
    const dir = await dataDirWithRecords(6);
    const { index, journal } = dataFiles(dir);
    const fromIndex = await openRecordsStore(dir);
    expect((await fromIndex.checkpoint()).root).toEqual(rootOfLines(journal));
    await fromIndex.close();
    // A leaf hash in the saved index changed (a damaged disk block, say): caught by the root its header names.
    const [header, ...rowLines] = readFileSync(index, "utf8").trimEnd().split("\n");
    const rows = JSON.parse(rowLines.at(-1) as string) as unknown[][];
    const LEAF = 9; // the row's Merkle leaf hash (src/records/indexFile.ts)
    expect(rows.at(-1)?.[LEAF]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    (rows.at(-1) as unknown[])[LEAF] = recordLeafHash("other").toString("base64");
    writeFileSync(index, [header, ...rowLines.slice(0, -1), JSON.stringify(rows), ""].join("\n"));
    const warnings: string[] = [];
    const rebuilt = await openRecordsStore(dir, (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/leaf hashes do not make the Merkle root it names/)]);
    expect((await rebuilt.checkpoint()).root).toEqual(rootOfLines(journal));
    await rebuilt.close();
  });
});

describe("a journal held to the checkpoint the server signed", () => {
  it.each(["truncation at a line boundary", "a cut in the middle of a record"] as const)(
    "refuses to start after %s, changing nothing",
    async (kind) => {
      const dir = await dataDirWithRecords(5);
      const { journal } = dataFiles(dir);
      TAMPERINGS[kind](journal);
      const before = readFileSync(journal);
      await expect(openRecordsStore(dir)).rejects.toThrow(
        /holds [34] complete records, but the server signed a checkpoint of 5 .*records [45] to 5 are missing.*Restore it from a backup/,
      );
      expect(readFileSync(journal)).toEqual(before);
      expect(readdirSync(dir).filter((name) => name.includes(".torn-"))).toEqual([]); // not set aside as a crash
    },
  );

  it.each(["history rewritten from record 2", "record 2 deleted and the rest renumbered"] as const)(
    "refuses to start after %s with every hash recomputed",
    async (kind) => {
      const dir = await dataDirWithRecords(5);
      const { journal, index } = dataFiles(dir);
      TAMPERINGS[kind](journal);
      rmSync(index); // a forger would remove the index too
      await expect(openRecordsStore(dir)).rejects.toThrow(
        kind.includes("deleted")
          ? /holds 4 complete records, but the server signed a checkpoint of 5/
          : /its first 5 records are not the ones the server signed .*changed, inserted or removed/,
      );
    },
  );

  it("still sets aside a torn line that no checkpoint included (a crash mid-append)", async () => {
    const dir = await dataDirWithRecords(2);
    writeFileSync(dataFiles(dir).journal, `${readFileSync(dataFiles(dir).journal, "utf8")}{"seq":3,"id":"ack-0000`);
    const warnings: string[] = [];
    const store = await openRecordsStore(dir, (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringMatching(/last line was incomplete/)]);
    expect((await store.checkpoint()).size).toBe(2);
    await store.close();
  });

  it("refuses a damaged checkpoint file, naming it and what to do", async () => {
    const dir = await dataDirWithRecords(2);
    writeFileSync(dataFiles(dir).checkpoint, "not a checkpoint");
    await expect(openRecordsStore(dir)).rejects.toThrow(
      /checkpoint\.txt is not the signed checkpoint .*restore it from a backup/,
    );
    expect(existsSync(dataFiles(dir).journal)).toBe(true);
  });
});
