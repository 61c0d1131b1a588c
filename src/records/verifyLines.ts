import { MerkleFrontier } from "../evidence/merkleFrontier.ts";
import { recordLeafHash } from "../evidence/merkleTree.ts";
import { ChainCheck } from "./chain.ts";
import { chainMessage } from "./journal.ts";
import { parseRecordLine } from "./recordLine.ts";
import type { StoredLines } from "./storedLines.ts";
import { StoreError } from "./storeError.ts";
import type { VerifiedJournal } from "./verifyJournal.ts";

/**
 * Checks a chain read as stored lines, one after another (a records table, a move between stores):
 * each record parsed, shape-checked and chained to the one before, and the Merkle roots recomputed,
 * as verifyJournal does for a journal file with worker threads. `where` names the lines in the
 * problem thrown; `fix` says what to do about it.
 */
export async function verifyLines(
  where: string,
  lines: StoredLines,
  options: { rootsAt?: readonly number[]; fix: string },
): Promise<VerifiedJournal> {
  const check = new ChainCheck();
  const tree = new MerkleFrontier();
  const wanted = new Set(options.rootsAt);
  const rootsAt = new Map<number, Buffer>();
  if (wanted.has(0)) rootsAt.set(0, tree.root());
  let lastId = "";
  for await (const run of lines)
    for (const line of run) {
      const record = parseRecordLine(where, line, check.current.count + 1, options.fix);
      const problem = check.next(record);
      if (problem) throw new StoreError("damaged", chainMessage(where, problem, options.fix));
      tree.append(recordLeafHash(line));
      if (wanted.has(tree.size)) rootsAt.set(tree.size, tree.root());
      lastId = record.id;
    }
  return { head: check.current, lastId, tail: false, root: tree.root(), rootsAt };
}
