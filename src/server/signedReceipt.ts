import { receiptPayload, signReceipt } from "../evidence/receipt.ts";
import type { RecordsStore } from "../records/recordsStore.ts";

/**
 * Record `seq`'s signed receipt (a compact JWS): its journal line, the latest checkpoint and the
 * line's inclusion proof in it, signed with the store's current key. Undefined when there is no
 * such record; a StoreError ("write-failed") when no checkpoint covering it could be saved.
 */
export async function signedReceipt(store: RecordsStore, seq: number): Promise<string | undefined> {
  const evidence = await store.evidence(seq);
  if (!evidence) return undefined;
  const { line, checkpoint, proof } = evidence;
  const payload = receiptPayload(line, { index: seq - 1, size: checkpoint.size, hashes: proof }, checkpoint.note);
  return signReceipt(payload, store.keys.current);
}
