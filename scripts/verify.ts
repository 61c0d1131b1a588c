// `npm run verify [-- --checkpoint FILE [--jwks FILE|URL]]`: checks the acknowledgement journal's
// hash chain (the data folder's, the file --journal names, or the records table of the database
// AUP_DATABASE_URL names) without changing anything, and with a checkpoint kept elsewhere (GET /api/checkpoint,
// an evidence pack), that the journal is the tree that checkpoint signed, extended, never cut or
// rewritten. Exit 0 when everything holds; 1 with the first thing that does not; 2 when the journal,
// the checkpoint or the keys cannot be read, or the flags are wrong.
// Ranges of the journal are checked in parallel by worker threads, each reading its own from disk in
// chunks: a journal of any size is checked in the memory of a few ranges.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readJwks, type JwksKey } from "../src/evidence/jwksKeys.ts";
import { checkChainAgainst, openCheckpoint } from "../src/records/journalConsistency.ts";
import { KeysSourceError, readInputFile, readPublicKeysSource } from "../src/evidence/publicKeysSource.ts";
import { publishedKeys } from "../src/records/signingKeys.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { isStoreError } from "../src/records/storeError.ts";
import { openTableRecords } from "../src/records/pgStoredRecords.ts";
import type { StoredRecords } from "../src/records/storedRecords.ts";
import { verifyJournal, type VerifiedJournal } from "../src/records/verifyJournal.ts";
import { verifyLines } from "../src/records/verifyLines.ts";

const USAGE =
  "Usage: npm run verify [-- --checkpoint CHECKPOINT.txt [--jwks jwks.json|https://your-site/.well-known/jwks.json] [--journal FILE]]";

function fail(message: string, code = 2): never {
  console.error(code === 2 && !message.includes("\n") ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let flags: { checkpoint?: string; jwks?: string; journal?: string };
try {
  ({ values: flags } = parseArgs({
    options: { checkpoint: { type: "string" }, jwks: { type: "string" }, journal: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (flags.jwks && !flags.checkpoint)
  fail("--jwks checks a checkpoint's signature: give the checkpoint with --checkpoint.");

const dir = path.resolve(dataDir());
const files = dataFiles(dir);
// A database when AUP_DATABASE_URL names one, unless a journal file is named.
const table = flags.journal ? undefined : process.env.AUP_DATABASE_URL?.trim();
const file = flags.journal ? path.resolve(flags.journal) : files.journal;
if (!table && !existsSync(file))
  fail(
    flags.journal
      ? `${file} does not exist. Check the path given with --journal.`
      : `${file} does not exist: no acknowledgement has been recorded in this data folder (set AUP_DATA_DIR to check another, or AUP_DATABASE_URL to check a database).`,
  );

let stored: StoredRecords | undefined;
try {
  stored = table ? await openTableRecords(table) : undefined;
  const chain = stored ? tableChain(stored) : fileChain(file);
  if (flags.checkpoint) await againstCheckpoint(chain, flags.checkpoint);
  else await chainOnly(chain);
} catch (error) {
  if (error instanceof KeysSourceError) fail(error.message);
  if (!isStoreError(error)) throw error;
  fail(error.message, error.kind === "damaged" ? 1 : 2);
} finally {
  await stored?.close();
}

/** The chain to check, wherever it is kept: how to check it, and the latest checkpoint kept beside it. */
interface Chain {
  where: string;
  /** The latest checkpoint's name, for messages. */
  latestName: string;
  verify(rootsAt?: number[]): Promise<VerifiedJournal>;
  latestCheckpoint(): Promise<string | undefined>;
}

function fileChain(journal: string): Chain {
  return {
    where: journal,
    latestName: `${files.checkpoint}, the server's latest checkpoint,`,
    verify: (rootsAt) => verifyJournal(journal, { rootsAt }),
    // A journal named with --journal (a copy, an evidence pack) has no checkpoint of the server beside it.
    latestCheckpoint: () =>
      Promise.resolve(
        !flags.journal && existsSync(files.checkpoint)
          ? readInputFile(files.checkpoint, "the server's latest checkpoint")
          : undefined,
      ),
  };
}

function tableChain(records: StoredRecords): Chain {
  return {
    where: records.where,
    latestName: `the servers' latest checkpoint (in the checkpoints table)`,
    verify: (rootsAt) => verifyLines(records.where, records.lines(), { rootsAt, fix: records.fix }),
    latestCheckpoint: () => records.checkpoint(),
  };
}

async function chainOnly(chain: Chain): Promise<void> {
  const verified = await chain.verify();
  if (verified.tail)
    console.warn(
      `${chain.where}: the last line is incomplete (a crash while writing); the server moves it aside on its next start.`,
    );
  const { count, hash } = verified.head;
  console.log(
    `${chain.where}: ${count} records, chain valid${count ? `; last record ${verified.lastId}, hash ${hash}` : ""}; Merkle root ${verified.root.toString("base64")}.`,
  );
}

async function againstCheckpoint(chain: Chain, checkpointFile: string): Promise<void> {
  const keys = await publicKeys();
  const opened = await openCheckpoint(readInputFile(checkpointFile, "the checkpoint"), keys);
  if (!opened.ok) fail(`${checkpointFile} cannot be trusted: ${opened.problem}`, 1);
  // The servers' own latest checkpoint vouches for records added after the one given.
  let latest;
  const own = await chain.latestCheckpoint();
  if (own !== undefined) {
    const checked = await openCheckpoint(own, keys);
    if (!checked.ok) fail(`${chain.latestName} cannot be trusted: ${checked.problem}`, 1);
    latest = checked.checkpoint;
  }
  const report = await checkChainAgainst((rootsAt) => chain.verify(rootsAt), opened.checkpoint, latest);
  if (!report.ok) fail(`${chain.where} does not match ${checkpointFile}. ${report.lines.join(" ")}`, 1);
  console.log(`${chain.where}: chain valid, and consistent with ${checkpointFile}.`);
  for (const line of report.lines) console.log(`  ${line}`);
}

/** The keys a checkpoint's signature is checked with: those given, or the data folder's list. */
async function publicKeys(): Promise<JwksKey[]> {
  const source = flags.jwks
    ? await readPublicKeysSource(flags.jwks)
    : (publishedKeys(dir)?.jwks ??
      fail(
        `${files.publicKeys} does not exist, so there are no keys to check the checkpoint's signature with. Give the site's public keys with --jwks (its /.well-known/jwks.json, or jwks.json from the evidence pack).`,
      ));
  const read = readJwks(source);
  if (!read.ok) fail(read.problem);
  return read.keys;
}
