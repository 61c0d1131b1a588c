import { createHash } from "node:crypto";
import { canonicalJson } from "./canonicalJson.ts";
import { GENESIS_HASH, type AcknowledgementRecord } from "./record.ts";

/** SHA-256 over the previous hash and the record's content (every field but `hash`). */
export function recordHash(record: Omit<AcknowledgementRecord, "hash">): string {
  return createHash("sha256")
    .update(`${record.prevHash}\n${canonicalJson(record)}`, "utf8")
    .digest("hex");
}

export interface ChainProblem {
  /** 0-based position of the first record that does not fit. */
  index: number;
  id: string;
  reason: string;
}

/**
 * Checks that the records form an unbroken chain: positions count up from 1, each links to the
 * hash before it, and each hash matches its content. An edited, deleted, inserted or reordered
 * record breaks one of these at the first place it touches.
 */
export function verifyChain(records: readonly AcknowledgementRecord[]): ChainProblem | undefined {
  let previous = GENESIS_HASH;
  for (const [index, record] of records.entries()) {
    const fail = (reason: string) => ({ index, id: String(record.id), reason });
    if (record.seq !== index + 1)
      return fail(
        `is numbered ${record.seq} but stands at position ${index + 1}: a record before it was removed, added or moved`,
      );
    if (record.prevHash !== previous)
      return fail("does not link to the record before it: a record was removed, added or moved");
    const { hash, ...content } = record;
    if (recordHash(content) !== hash)
      return fail("does not match its hash: its content was changed after it was recorded");
    previous = hash;
  }
  return undefined;
}
