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
  const tree = new MerkleFrontier();
  const wanted = new Set(options.rootsAt);
  const rootsAt = new Map<number, Buffer>();
  if (wanted.has(0)) rootsAt.set(0, tree.root());
  let lastId = "";
  let tail = false;
  for await (const { firstLine, result } of rangeResults<ChainRange>(file, WORKER, options)) {
    if (result.run) {
      const problem = check.join(result.run);
      if (problem) throw new StoreError("damaged", chainMessage(file, problem));
      if (result.run.lastId) lastId = result.run.lastId;
    }
    const leaves = Buffer.from(result.leaves.buffer, result.leaves.byteOffset, result.leaves.byteLength);
    for (let at = 0; at < leaves.length; at += 32) {
      tree.append(leaves.subarray(at, at + 32));
      if (wanted.has(tree.size)) rootsAt.set(tree.size, tree.root());
    }
    if (result.stop) throw decodeError(result.stop, firstLine);
    tail ||= result.tail;
  }
  return { head: check.current, lastId, tail, root: tree.root(), rootsAt };
}
