import type { Employee } from "../schemas/employee.ts";
import type { StoredLines } from "./storedLines.ts";
import type { StoredRecords } from "./storedRecords.ts";

/** Everything a move between stores copies: the chain, the roster, the latest checkpoint and the sends. */
export interface MovedParts {
  lines: StoredLines;
  roster: readonly Employee[];
  /** The latest signed checkpoint's note, which the target's servers then hold the chain to. */
  checkpoint: string | undefined;
  sends: readonly string[];
}

/** An empty store being filled by a move: a data folder, or a database. */
export interface MoveTarget {
  readonly where: string;
  /** Refuses (a StoreError) unless the target holds no records, roster, checkpoint or sends. */
  checkEmpty(): Promise<void>;
  /** Writes every part, so that a failure part-way leaves the target as empty as it was. */
  write(parts: MovedParts): Promise<void>;
  /** The target as it reads back once written, to check it. */
  readBack(): Promise<StoredRecords>;
  close(): Promise<void>;
}
