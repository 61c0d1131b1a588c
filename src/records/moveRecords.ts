import { checkpointOfNote } from "../evidence/checkpoint.ts";
import type { MoveTarget } from "./moveTargets.ts";
import type { StoredRecords } from "./storedRecords.ts";
import { StoreError } from "./storeError.ts";
import { verifyingLines, verifyLines } from "./verifyLines.ts";
import type { VerifiedJournal } from "./verifyJournal.ts";

export interface MoveReport {
  records: number;
  employees: number;
  sends: number;
  /** The size of the latest checkpoint moved; undefined when the source had signed none. */
  checkpointSize: number | undefined;
  /** The Merkle root of the chain, the same before and after. */
  root: Buffer;
}

/**
 * Moves everything a store holds into an empty one: the chain is checked as it is copied (whole,
 * and as the latest checkpoint signed it) and read back and checked after, where it must make the same
 * Merkle root. The source is only read; nothing is kept in the target unless all of it was written.
 */
export async function moveRecords(source: StoredRecords, target: MoveTarget): Promise<MoveReport> {
  await target.checkEmpty();
  const checkpoint = await source.checkpoint();
  const signed = checkpoint === undefined ? undefined : checkpointOfNote(checkpoint);
  const roster = await source.roster();
  const sendsLines = await source.sends();
  const sends = await sendsLines.readNew().finally(() => sendsLines.close());
  // The source is read once: each run is checked on its way to the target, and a problem (or a
  // chain that is not what its latest checkpoint signed) stops the write before it is kept.
  const checking = verifyingLines(source.where, source.lines(), {
    rootsAt: signed ? [signed.size] : [],
    fix: source.fix,
  });
  async function* checkedLines(): AsyncGenerator<readonly string[]> {
    yield* checking.lines;
    if (signed) holdsCheckpoint(source.where, checking.verified(), signed);
  }
  await target.write({ lines: checkedLines(), roster, checkpoint, sends });
  const before = checking.verified();
  const written = await target.readBack();
  try {
    const after = await verifyLines(written.where, written.lines(), { fix: written.fix });
    if (after.head.count !== before.head.count || !after.root.equals(before.root))
      throw new StoreError(
        "damaged",
        `${target.where} reads back ${after.head.count} records with Merkle root ${after.root.toString("base64")}, where ${before.head.count} with root ${before.root.toString("base64")} were written: the copy is not the chain. Do not use it; check the disk or database, then move into a new, empty target.`,
      );
  } finally {
    await written.close();
  }
  return {
    records: before.head.count,
    employees: roster.length,
    sends: sends.length,
    checkpointSize: signed?.size,
    root: before.root,
  };
}

function holdsCheckpoint(where: string, verified: VerifiedJournal, signed: { size: number; root: Uint8Array }): void {
  const root = verified.rootsAt.get(signed.size);
  if (root?.equals(signed.root)) return;
  throw new StoreError(
    "damaged",
    root
      ? `${where}: its first ${signed.size} records are not the ones its latest checkpoint signed (they make another Merkle root). Nothing was moved: find out what changed (npm run verify -- --checkpoint FILE), and restore from a backup.`
      : `${where} holds ${verified.head.count} records, fewer than the ${signed.size} its latest checkpoint signed: records were cut. Nothing was moved: restore from a backup that holds them all.`,
  );
}
