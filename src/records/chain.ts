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

/** Where a chain stands: how many records it holds and the last one's hash. */
export interface ChainHead {
  count: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { count: 0, hash: GENESIS_HASH };

/**
 * Checks records one at a time, in journal order, from `head` (the start, or where a check of the
 * records before stopped): positions count up from 1, each links to the hash before it, and each
 * hash matches its content. An edited, deleted, inserted or reordered record breaks one of these
 * at the first place it touches. Holds nothing but the head, so a journal of any length is
 * checked in constant memory.
 */
export class ChainCheck {
  private head: ChainHead;

  constructor(head: ChainHead = EMPTY_CHAIN) {
    this.head = head;
  }

  get current(): ChainHead {
    return this.head;
  }

  /** The problem with `record`, or undefined when it continues the chain (which then moves on). */
  next(record: AcknowledgementRecord): ChainProblem | undefined {
    const index = this.head.count;
    const fail = (reason: string) => ({ index, id: String(record.id), reason });
    if (record.seq !== index + 1)
      return fail(
        `is numbered ${record.seq} but stands at position ${index + 1}: a record before it was removed, added or moved`,
      );
    if (record.prevHash !== this.head.hash)
      return fail("does not link to the record before it: a record was removed, added or moved");
    const { hash, ...content } = record;
    if (recordHash(content) !== hash)
      return fail("does not match its hash: its content was changed after it was recorded");
    this.head = { count: index + 1, hash };
    return undefined;
  }
}

/** The first problem in a whole chain of records held in memory (tests, small tools). */
export function verifyChain(records: readonly AcknowledgementRecord[]): ChainProblem | undefined {
  const check = new ChainCheck();
  for (const record of records) {
    const problem = check.next(record);
    if (problem) return problem;
  }
  return undefined;
}
