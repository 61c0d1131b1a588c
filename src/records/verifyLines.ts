import { recordLeafHash } from "../evidence/merkleTree.ts";
import { ChainCheck } from "./chain.ts";
import { chainMessage } from "./journal.ts";
import { parseRecordLine } from "./recordLine.ts";
import type { StoredLines } from "./storedLines.ts";
import { StoreError } from "./storeError.ts";
import { RootsRecorder, type VerifiedJournal } from "./verifyJournal.ts";

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
  const checking = verifyingLines(where, lines, options);
  for await (const run of checking.lines) void run;
  return checking.verified();
}

/**
 * The lines passed on as they are checked, so that a move copies what it checks in one read: a
 * problem is thrown to whoever reads them before the run it is in gets through. `verified()` is the
 * check's outcome once every line has been read.
 */
export function verifyingLines(
  where: string,
  lines: StoredLines,
  options: { rootsAt?: readonly number[]; fix: string },
): { lines: StoredLines; verified: () => VerifiedJournal } {
  const check = new ChainCheck();
  const tree = new RootsRecorder(options.rootsAt);
  let lastId = "";
  let done = false;
  async function* checked(): AsyncGenerator<readonly string[]> {
    for await (const run of lines) {
      for (const line of run) {
        const record = parseRecordLine(where, line, check.current.count + 1, options.fix);
        const problem = check.next(record);
        if (problem) throw new StoreError("damaged", chainMessage(where, problem, options.fix));
        tree.append(recordLeafHash(line));
        lastId = record.id;
      }
      yield run;
    }
    done = true;
  }
  return {
    lines: checked(),
    verified: () => {
      if (!done) throw new Error("verifyingLines: verified() before every line was read");
      return { head: check.current, lastId, tail: false, root: tree.root(), rootsAt: tree.rootsAt };
    },
  };
}
