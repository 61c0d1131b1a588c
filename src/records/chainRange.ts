import { recordLeafHash } from "../evidence/merkleTree.ts";
import { ChainCheck, type ChainLink, type ChainRun } from "./chain.ts";
import { chainMessage } from "./journal.ts";
import { journalLines, type ScanEnd } from "./journalLines.ts";
import { encodeError, type ByteRange, type EncodedError, type RangeDone, type RangeWork } from "./rangeWorker.ts";
import { parseRecordLine } from "./recordLine.ts";
import { StoreError } from "./storeError.ts";

export const VERIFY_FIX = "Restore the journal from a backup.";
const LEAF_BYTES = 32;

function grown(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(bytes.length * 2);
  larger.set(bytes);
  return larger;
}

/** One range of the journal checked on its own: what npm run verify needs to join it to the ranges before. */
export interface ChainRange extends RangeDone {
  /** The range's records as a run of the chain; absent when its first line is not a record. */
  run?: ChainRun & { lastId: string };
  /** What stopped the check within the range: a damaged line, a record that does not fit, a read that failed. */
  stop?: EncodedError;
  /** Whether the range ends with a line without its newline (only the journal's last range can). */
  tail: boolean;
  /** The Merkle leaf hash of each line checked, 32 bytes each, in order. */
  leaves: Uint8Array;
}

/**
 * Parses and shape-checks every record of `range`, and checks the chain within it from the head its
 * first record claims to follow (ChainCheck.from), stopping at the first problem. The problem comes
 * back with what was checked before it rather than as an error: the range's first record may not
 * join the ranges before, and that comes first in file order.
 */
export async function checkChainRange(file: string, range: ByteRange): Promise<RangeWork<ChainRange>> {
  const found: ScanEnd = { end: 0 };
  let first: ChainLink | undefined;
  let check: ChainCheck | undefined;
  let lastId = "";
  let lines = 0;
  let leaves = new Uint8Array(LEAF_BYTES * 1024);
  const checked = (stop?: unknown): RangeWork<ChainRange> => {
    const hashes = leaves.slice(0, lines * LEAF_BYTES);
    return {
      result: {
        lines,
        run: first && check ? { first, head: check.current, lastId } : undefined,
        stop: stop === undefined ? undefined : encodeError(stop),
        tail: found.tail !== undefined,
        leaves: hashes,
      },
      transfer: [hashes.buffer],
    };
  };
  try {
    for await (const run of journalLines(file, found, range))
      for (const line of run.lines) {
        const record = parseRecordLine(file, line, lines + 1, VERIFY_FIX);
        if (!check) {
          first = { seq: record.seq, id: record.id, prevHash: record.prevHash };
          check = ChainCheck.from(first);
        }
        const problem = check.next(record);
        // Worded with the record's position as its own numbering gives it: that position is reported
        // only once the range's first record has joined the chain, and then it is the line's.
        if (problem) return checked(new StoreError("damaged", chainMessage(file, problem)));
        lastId = record.id;
        if (leaves.length < (lines + 1) * LEAF_BYTES) leaves = grown(leaves);
        leaves.set(recordLeafHash(line), lines * LEAF_BYTES);
        lines++;
      }
  } catch (error) {
    return checked(error);
  }
  return checked();
}
