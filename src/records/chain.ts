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

/** What ties a record to the one before it: its position and the hash it links to. */
export type ChainLink = Pick<AcknowledgementRecord, "seq" | "id" | "prevHash">;

/**
 * A run of records checked on its own (ranges of the journal are checked in parallel): the link of
 * its first record, and the head after its last.
 */
export interface ChainRun {
  first: ChainLink;
  head: ChainHead;
}

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

  /**
   * A check of a run that starts mid-journal, before the records in front of it are known: it
   * takes the head its first record claims to follow, and `join` later holds that claim against
   * the real head.
   */
  static from(first: ChainLink): ChainCheck {
    return new ChainCheck({ count: first.seq - 1, hash: first.prevHash });
  }

  get current(): ChainHead {
    return this.head;
  }

  /** The problem with `record`, or undefined when it continues the chain (which then moves on). */
  next(record: AcknowledgementRecord): ChainProblem | undefined {
    const problem = this.linkProblem(record);
    if (problem) return problem;
    const { hash, ...content } = record;
    if (recordHash(content) !== hash)
      return this.problem(record, "does not match its hash: its content was changed after it was recorded");
    this.head = { count: this.head.count + 1, hash };
    return undefined;
  }

  /**
   * The problem with the first record of `run` (checked on its own, from ChainCheck.from), or
   * undefined when it follows on from here: the check then stands after the run's last record.
   * Its other records were checked from that same head, so they need nothing more.
   */
  join(run: ChainRun): ChainProblem | undefined {
    const problem = this.linkProblem(run.first);
    if (problem) return problem;
    this.head = run.head;
    return undefined;
  }

  private linkProblem(record: ChainLink): ChainProblem | undefined {
    if (record.seq !== this.head.count + 1)
      return this.problem(
        record,
        `is numbered ${record.seq} but stands at position ${this.head.count + 1}: a record before it was removed, added or moved`,
      );
    if (record.prevHash !== this.head.hash)
      return this.problem(record, "does not link to the record before it: a record was removed, added or moved");
    return undefined;
  }

  private problem(record: ChainLink, reason: string): ChainProblem {
    return { index: this.head.count, id: String(record.id), reason };
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
