import { MerkleTree, recordLeafHash } from "../evidence/merkleTree.ts";
import { ChainCheck } from "./chain.ts";
import { chainMessage } from "./journal.ts";
import type { AcknowledgementRecord } from "./record.ts";
import { parseRecordLine } from "./recordLine.ts";
import { factsOf, RecordsIndex } from "./recordsIndex.ts";
import { StoreError } from "./storeError.ts";

const NEVER_REPAIRED =
  "The records are evidence and are never repaired automatically: restore the database from a backup, then start again.";

/**
 * What a process knows of a chain kept elsewhere (a database table several servers append to):
 * the indexes and the Merkle tree of every record it has seen, each record checked against the one
 * before it as it arrives. Records must come in order; one that does not parse or does not chain
 * stops everything, naming it, as a damaged journal stops a start.
 */
export class ChainFollower {
  readonly index = new RecordsIndex();
  readonly tree = new MerkleTree();
  private readonly check = new ChainCheck();
  private readonly where: string;

  constructor(where: string) {
    this.where = where;
  }

  get head() {
    return this.check.current;
  }

  /** Takes the next record, as its stored line (the bytes its Merkle leaf is the hash of). */
  take(line: string): AcknowledgementRecord {
    const record = parseRecordLine(this.where, line, this.check.current.count + 1, NEVER_REPAIRED);
    const problem = this.check.next(record);
    if (problem) throw new StoreError("damaged", chainMessage(this.where, problem, NEVER_REPAIRED));
    this.tree.append(recordLeafHash(line));
    this.index.add(factsOf(record));
    return record;
  }
}
