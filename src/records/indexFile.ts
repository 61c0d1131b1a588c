import type { JournalMark, MerkleView } from "./journal.ts";
import { journalLines, type ScanEnd } from "./journalLines.ts";
import { replaceFile } from "./replaceFile.ts";
import type { RecordFacts } from "./recordsIndex.ts";

/**
 * The saved index (`acknowledgements.index`): what the server derived from the journal, saved so
 * that a start reads only the records appended since. It is never evidence. It names the journal
 * state it was made from (records, bytes, last hash and the SHA-256 of those bytes); a start checks
 * that against the journal and rebuilds the index from the journal when they differ, or when this
 * file is missing or damaged in any way.
 *
 * JSON Lines, so that no line is large however many records there are: a header, then the records'
 * facts in rows of `ROWS_PER_LINE`, each row
 * `[offset, attemptId, learnerId, email, selfAsserted (0|1), policy (index into the header's list), mode (0 onboarding, 1 refresher, 2 update), recordedAt, missed clauses, Merkle leaf hash (base64), score (thousandths), attempt, signature's nameKey]`.
 * The leaf hashes spare a start from hashing every line again to rebuild the Merkle tree.
 */
const FORMAT = "aup-course index 3";
const ROWS_PER_LINE = 2000;
const MODES = ["onboarding", "refresher", "update"] as const;
/** 32 bytes in base64. */
const LEAF_HASH = /^[A-Za-z0-9+/]{43}=$/;

interface Header {
  format: typeof FORMAT;
  /** `merkleRoot`: the root the rows' leaf hashes make (base64), so that a damaged leaf is caught. */
  journal: { records: number; bytes: number; lastHash: string; sha256: string; merkleRoot: string };
  policies: [version: string, hash: string][];
}

type Row = [number, string, string, string, 0 | 1, number, 0 | 1 | 2, string, string[], string, number, number, number];

/** What a start learned from the saved index: the journal state it covers, and each record's offset. */
export interface SavedIndex {
  mark: JournalMark;
  offsets: number[];
  /** The Merkle root the saved leaf hashes should make: the caller checks the tree it built against it. */
  merkleRoot: Buffer;
}

/** Why the saved index was not used: it is damaged (`problem`), or it describes other journal bytes (`stale`). */
export type UnusedIndex = { problem: string } | { stale: JournalMark };

/** Writes the index of the first `mark.head.count` records, atomically (a temporary file renamed over the old one). */
export async function saveIndex(
  file: string,
  mark: JournalMark,
  offsets: readonly number[],
  facts: () => Iterable<RecordFacts>,
  /** The journal's Merkle tree, at least `mark.head.count` leaves of it. */
  tree: MerkleView,
): Promise<void> {
  // Two passes over the facts, so that no copy of them all is held: the policies, then the rows.
  const policies = new Map<string, number>();
  for (const { policy } of facts()) {
    const key = `${policy.version}\n${policy.hash}`;
    if (!policies.has(key)) policies.set(key, policies.size);
  }
  const header: Header = {
    format: FORMAT,
    journal: {
      records: mark.head.count,
      bytes: mark.bytes,
      lastHash: mark.head.hash,
      sha256: mark.sha256,
      merkleRoot: tree.root(mark.head.count).toString("base64"),
    },
    policies: [...policies.keys()].map((key) => key.split("\n") as [string, string]),
  };
  await replaceFile(file, async (handle) => {
    await handle.write(`${JSON.stringify(header)}\n`);
    let rows: Row[] = [];
    // A line at a time, each its own write: the event loop serves requests between them.
    const writeRows = async () => {
      await handle.write(`${JSON.stringify(rows)}\n`);
      rows = [];
    };
    for (const f of facts()) {
      rows.push([
        offsets[f.seq - 1] as number,
        f.attemptId,
        f.learner.id,
        f.learner.email,
        f.learner.selfAsserted ? 1 : 0,
        policies.get(`${f.policy.version}\n${f.policy.hash}`) as number,
        MODES.indexOf(f.mode) as Row[6],
        f.recordedAt,
        [...f.missed],
        tree.leaf(f.seq - 1).toString("base64"),
        Math.round(f.score * 1000),
        f.attempt,
        f.nameKey,
      ]);
      if (rows.length === ROWS_PER_LINE) await writeRows();
    }
    if (rows.length) await writeRows();
  });
}

/**
 * Reads the saved index into `add`, a record's facts at a time (no copy of them all is held), once
 * `matches` has accepted the journal state its header names; undefined when there is none. A
 * problem found after some facts were added leaves them added: the caller then starts over with
 * an empty index.
 */
export async function readIndex(
  file: string,
  matches: (mark: JournalMark) => Promise<boolean>,
  add: (facts: RecordFacts, leaf: Buffer) => void,
): Promise<SavedIndex | UnusedIndex | undefined> {
  const found: ScanEnd = { end: 0 };
  let header: Header | undefined;
  const offsets: number[] = [];
  try {
    for await (const run of journalLines(file, found))
      for (const line of run.lines) {
        const value = JSON.parse(line) as unknown;
        if (!header) {
          if (!isHeader(value)) return { problem: "its first line is not an index header of this version" };
          header = value;
          if (!(await matches(markOf(header)))) return { stale: markOf(header) };
          continue;
        }
        if (!Array.isArray(value))
          return { problem: `line ${offsets.length / ROWS_PER_LINE + 2} is not a list of rows` };
        for (const row of value as unknown[]) {
          const fact = factOf(row, offsets.length + 1, header);
          if (!fact || fact.offset <= (offsets.at(-1) ?? -1) || fact.offset >= header.journal.bytes)
            return { problem: `the row of record ${offsets.length + 1} is not valid` };
          offsets.push(fact.offset);
          add(fact.facts, fact.leaf);
        }
      }
  } catch (error) {
    if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return undefined; // none saved yet
    return { problem: `it cannot be read (${(error as Error).message})` };
  }
  if (!header) return found.tail === undefined ? undefined : { problem: "it is incomplete" };
  if (found.tail !== undefined) return { problem: "its last line is incomplete" };
  if (offsets.length !== header.journal.records)
    return { problem: `it holds ${offsets.length} records where its header says ${header.journal.records}` };
  return { mark: markOf(header), offsets, merkleRoot: Buffer.from(header.journal.merkleRoot, "base64") };
}

function markOf({ journal }: Header): JournalMark {
  return { head: { count: journal.records, hash: journal.lastHash }, bytes: journal.bytes, sha256: journal.sha256 };
}

function isHeader(value: unknown): value is Header {
  const header = value as Header;
  const journal = header?.journal;
  return (
    header?.format === FORMAT &&
    Number.isInteger(journal?.records) &&
    Number.isInteger(journal?.bytes) &&
    typeof journal?.lastHash === "string" &&
    typeof journal?.sha256 === "string" &&
    typeof journal?.merkleRoot === "string" &&
    Array.isArray(header.policies) &&
    header.policies.every((p) => Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "string")
  );
}

function factOf(
  row: unknown,
  seq: number,
  header: Header,
): { offset: number; facts: RecordFacts; leaf: Buffer } | undefined {
  if (!Array.isArray(row) || row.length !== 13) return undefined;
  const [offset, attemptId, id, email, selfAsserted, policyIndex, mode, recordedAt, missed, leaf, score, attempt, key] =
    row as Row;
  const policy = header.policies[policyIndex];
  if (
    !Number.isInteger(offset) ||
    typeof attemptId !== "string" ||
    typeof id !== "string" ||
    typeof email !== "string" ||
    (selfAsserted !== 0 && selfAsserted !== 1) ||
    !policy ||
    (mode !== 0 && mode !== 1 && mode !== 2) ||
    typeof recordedAt !== "string" ||
    !Array.isArray(missed) ||
    !missed.every((clause) => typeof clause === "string") ||
    typeof leaf !== "string" ||
    !LEAF_HASH.test(leaf) ||
    !Number.isInteger(score) ||
    score < 0 ||
    score > 1000 ||
    !Number.isInteger(attempt) ||
    attempt < 1 ||
    !Number.isInteger(key)
  )
    return undefined;
  return {
    offset,
    leaf: Buffer.from(leaf, "base64"),
    facts: {
      seq,
      attemptId,
      learner: { id, email, selfAsserted: selfAsserted === 1 },
      policy: { version: policy[0], hash: policy[1] },
      mode: MODES[mode],
      recordedAt,
      score: score / 1000,
      attempt,
      nameKey: key,
      missed,
    },
  };
}
