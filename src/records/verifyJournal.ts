import { MerkleFrontier } from "../evidence/merkleFrontier.ts";
import { ChainCheck, type ChainHead } from "./chain.ts";
import type { ChainRange } from "./chainRange.ts";
import { chainMessage } from "./journal.ts";
import { decodeError, rangeResults, type PoolOptions } from "./rangePool.ts";
import { StoreError } from "./storeError.ts";

export interface VerifiedJournal {
  head: ChainHead;
  /** The last record's id; "" when there is none. */
  lastId: string;
  /** Whether the journal ends with a line without its newline (a crash mid-append), which is not checked. */
  tail: boolean;
  /** The Merkle root of every record checked. */
  root: Buffer;
  /** The Merkle root of the first n records, for each n asked for that the journal reaches. */
  rootsAt: Map<number, Buffer>;
}

const WORKER = new URL("./chainRangeWorker.ts", import.meta.url);

/**
 * The Merkle tree of a chain being checked, in the memory of its right edge, keeping the root at
 * each size in `wanted` as the tree passes it: what both ways of verifying (a journal's ranges, a
 * table's lines) hold a checkpoint against.
 */
export class RootsRecorder {
  private readonly tree = new MerkleFrontier();
  private readonly wanted: ReadonlySet<number>;
  readonly rootsAt = new Map<number, Buffer>();

  constructor(wanted: readonly number[] = []) {
    this.wanted = new Set(wanted);
    if (this.wanted.has(0)) this.rootsAt.set(0, this.tree.root());
  }

  append(leaf: Buffer): void {
    this.tree.append(leaf);
    if (this.wanted.has(this.tree.size)) this.rootsAt.set(this.tree.size, this.tree.root());
  }

  root(): Buffer {
    return this.tree.root();
  }
}

/**
 * Checks the whole journal's chain (npm run verify): ranges are checked in parallel by worker
 * threads (chainRange.ts), then joined here in file order, each one's first record to the head the
 * ranges before it reached. The first problem in the file is thrown, worded exactly as a check of
 * one record after another words it: a damaged line as a LineDamage, a record that does not fit as
 * chainMessage says. Changes nothing.
 */
export async function verifyJournal(
  file: string,
  options: PoolOptions<undefined> & { rootsAt?: readonly number[] } = {},
): Promise<VerifiedJournal> {
  const check = new ChainCheck();
  const tree = new RootsRecorder(options.rootsAt);
  let lastId = "";
  let tail = false;
  for await (const { firstLine, result } of rangeResults<ChainRange>(file, WORKER, options)) {
    if (result.run) {
      const problem = check.join(result.run);
      if (problem) throw new StoreError("damaged", chainMessage(file, problem));
      if (result.run.lastId) lastId = result.run.lastId;
    }
    const leaves = Buffer.from(result.leaves.buffer, result.leaves.byteOffset, result.leaves.byteLength);
    for (let at = 0; at < leaves.length; at += 32) tree.append(leaves.subarray(at, at + 32));
    if (result.stop) throw decodeError(result.stop, firstLine);
    tail ||= result.tail;
  }
  return { head: check.current, lastId, tail, root: tree.root(), rootsAt: tree.rootsAt };
}
