import { readFileSync } from "node:fs";
import { formatCheckpoint } from "../../src/evidence/checkpoint.ts";
import { MerkleTree, recordLeafHash } from "../../src/evidence/merkleTree.ts";
import { receiptPayload, signReceipt } from "../../src/evidence/receipt.ts";
import type { ReceiptPayload } from "../../src/evidence/receiptFormat.ts";
import { signNote } from "../../src/evidence/signNote.ts";
import { loadKeyring, type Keyring } from "../../src/records/signingKeys.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { dataDir, dataDirWithRecords } from "./records.ts";

export interface SignedJournal {
  keyring: Keyring;
  /** The journal's lines, without their newlines. */
  lines: string[];
  /** The signed checkpoint of the whole journal. */
  note: string;
  /** The payload of record `i`'s receipt. */
  payload(i: number): ReceiptPayload;
  /** Record `i`'s receipt, signed with the data folder's key. */
  receipt(i: number): Promise<string>;
}

/**
 * A real store's journal of `count` acknowledgements, the Merkle tree over its lines, a checkpoint of
 * it signed as a note with the data folder's own key (created as on the server's first start), and
 * the receipts of its records.
 */
export async function signedJournal(count: number, keyring?: Keyring): Promise<SignedJournal> {
  const dir = await dataDirWithRecords(count);
  const ring = keyring ?? loadKeyring(dir, {});
  const lines = readFileSync(dataFiles(dir).journal, "utf8").split("\n").slice(0, -1);
  const tree = new MerkleTree();
  for (const line of lines) tree.append(recordLeafHash(line));
  const body = formatCheckpoint({ origin: ring.origin, size: tree.size, root: tree.root() });
  const note = signNote(body, ring.origin, ring.current.privateKey);
  const payload = (i: number) =>
    receiptPayload(lines[i] as string, { index: i, size: tree.size, hashes: tree.inclusionProof(i) }, note);
  return { keyring: ring, lines, note, payload, receipt: (i) => signReceipt(payload(i), ring.current) };
}

/** Another site's keys: a keyring of its own, in a data folder of its own. */
export function otherKeyring(): Keyring {
  return loadKeyring(dataDir(), {});
}
