import { verifyJournal, type VerifiedJournal } from "./verifyJournal.ts";
import { parseCheckpoint, type ParsedCheckpoint } from "../evidence/checkpoint.ts";
import type { JwksKey } from "../evidence/jwksKeys.ts";
import { openNote } from "../evidence/signedNote.ts";

/** What a check of the journal against a checkpoint found: each finding in words, and whether it holds. */
export interface ConsistencyReport {
  ok: boolean;
  lines: string[];
}

/** A checkpoint whose signature is checked, and what it says. */
export type OpenedCheckpoint =
  { ok: true; checkpoint: ParsedCheckpoint; kid?: string } | { ok: false; problem: string };

/** Opens a signed checkpoint with the keys given: signed by one of them, under its own origin. */
export async function openCheckpoint(note: string, keys: readonly JwksKey[]): Promise<OpenedCheckpoint> {
  const split = note.lastIndexOf("\n\n");
  let origin: string;
  try {
    origin = parseCheckpoint(split < 0 ? note : note.slice(0, split + 1)).origin;
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  const opened = await openNote(
    note,
    keys.map((key) => ({ name: origin, publicKey: key.publicKey, kid: key.kid })),
  );
  if (!opened.ok) return { ok: false, problem: opened.problem };
  return { ok: true, checkpoint: parseCheckpoint(opened.text), kid: opened.key.kid };
}

const range = (from: number, to: number) => (from === to ? `record ${from}` : `records ${from} to ${to}`);

/**
 * Checks the journal against a checkpoint held elsewhere (`given`): its chain, then that its first
 * `given.size` records make exactly the tree the checkpoint signed, so the journal is that tree
 * extended, never cut or rewritten. Records after it are held to `latest` (the server's own latest
 * checkpoint) when there is one: a record no checkpoint covers was not appended by the server.
 * Chain breaks are thrown as the StoreError `npm run verify` reports.
 */
export function checkJournalAgainst(
  journal: string,
  given: ParsedCheckpoint,
  latest?: ParsedCheckpoint,
): Promise<ConsistencyReport> {
  return checkChainAgainst((rootsAt) => verifyJournal(journal, { rootsAt }), given, latest);
}

/**
 * checkJournalAgainst for a chain kept anywhere: `verify` checks the whole chain and gives the
 * Merkle roots at the sizes asked for (verifyJournal for a file, verifyLines for a table).
 */
export async function checkChainAgainst(
  verify: (rootsAt: number[]) => Promise<VerifiedJournal>,
  given: ParsedCheckpoint,
  latest?: ParsedCheckpoint,
): Promise<ConsistencyReport> {
  const sizes = [given.size, ...(latest ? [latest.size] : [])];
  const verified = await verify(sizes);
  const count = verified.head.count;
  const same = (size: number, root: Uint8Array) => verified.rootsAt.get(size)?.equals(root) ?? false;
  const fail = (line: string): ConsistencyReport => ({ ok: false, lines: [line] });
  if (count < given.size)
    return fail(
      `The journal holds ${count} records, but the checkpoint signed a tree of ${given.size}: ${verified.tail ? `its last line, record ${count + 1}, is cut short although the checkpoint included it; ` : ""}${range(count + 1, given.size)} ${given.size - count === 1 ? "is" : "are"} missing, or records before ${given.size === count + 1 ? "it" : "them"} were removed. The journal was cut, or replaced by an older or edited copy: restore it from a backup that holds at least ${given.size} records.`,
    );
  if (!same(given.size, given.root))
    return fail(
      `The journal's first ${given.size} records are not the ones the checkpoint signed (they make another Merkle root): one or more of records 1 to ${given.size} were changed, inserted or removed, and every later hash recomputed to hide it. Restore the journal from a backup and compare it with this one record by record to find the change.`,
    );
  const lines = [
    `The journal's first ${given.size} records are exactly the tree the checkpoint signed (${given.origin}, size ${given.size}): nothing in them was changed, removed or reordered.`,
  ];
  if (count === given.size) return { ok: true, lines };
  if (!latest) {
    lines.push(
      `${range(given.size + 1, count)} came after this checkpoint: this check says nothing of ${count - given.size === 1 ? "it" : "them"}; check them against a later checkpoint.`,
    );
    return { ok: true, lines };
  }
  if (latest.size < count || !same(latest.size, latest.root))
    return fail(
      `The journal's first ${given.size} records match the checkpoint, but ${latest.size < count ? `${range(Math.max(latest.size, given.size) + 1, count)} ${count - Math.max(latest.size, given.size) === 1 ? "is" : "are"} in no checkpoint the server signed (its latest covers ${latest.size}): appended outside the server, or after it last stopped abruptly. Check them before the server starts and signs them` : `the server's latest checkpoint (${latest.size} records) does not match the journal: records after the first ${given.size} were changed. Restore the journal from a backup`}.`,
    );
  lines.push(
    `${range(given.size + 1, count)} came after it, and the server's latest checkpoint covers them as they are.`,
  );
  return { ok: true, lines };
}
