// `npm run verify [-- --checkpoint FILE [--jwks FILE|URL]]`: checks the acknowledgement journal's
// hash chain without changing anything, and with a checkpoint kept elsewhere (GET /api/checkpoint,
// an evidence pack), that the journal is the tree that checkpoint signed, extended, never cut or
// rewritten. Exit 0 when everything holds; 1 with the first thing that does not; 2 when the journal,
// the checkpoint or the keys cannot be read, or the flags are wrong.
// Ranges of the journal are checked in parallel by worker threads, each reading its own from disk in
// chunks: a journal of any size is checked in the memory of a few ranges.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readJwks, type JwksKey } from "../src/evidence/jwksKeys.ts";
import { checkJournalAgainst, openCheckpoint } from "../src/records/journalConsistency.ts";
import { KeysSourceError, readInputFile, readPublicKeysSource } from "../src/evidence/publicKeysSource.ts";
import { publishedKeys } from "../src/records/signingKeys.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { isStoreError } from "../src/records/storeError.ts";
import { verifyJournal } from "../src/records/verifyJournal.ts";

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
const file = flags.journal ? path.resolve(flags.journal) : files.journal;
if (!existsSync(file))
  fail(
    flags.journal
      ? `${file} does not exist. Check the path given with --journal.`
      : `${file} does not exist: no acknowledgement has been recorded in this data folder (set AUP_DATA_DIR to check another).`,
  );

try {
  if (flags.checkpoint) await againstCheckpoint(flags.checkpoint);
  else await chainOnly();
} catch (error) {
  if (error instanceof KeysSourceError) fail(error.message);
  if (!isStoreError(error)) throw error;
  fail(error.message, error.kind === "damaged" ? 1 : 2);
}

async function chainOnly(): Promise<void> {
  const verified = await verifyJournal(file);
  if (verified.tail)
    console.warn(
      `${file}: the last line is incomplete (a crash while writing); the server moves it aside on its next start.`,
    );
  const { count, hash } = verified.head;
  console.log(
    `${file}: ${count} records, chain valid${count ? `; last record ${verified.lastId}, hash ${hash}` : ""}; Merkle root ${verified.root.toString("base64")}.`,
  );
}

async function againstCheckpoint(checkpointFile: string): Promise<void> {
  const keys = await publicKeys();
  const opened = await openCheckpoint(readInputFile(checkpointFile, "the checkpoint"), keys);
  if (!opened.ok) fail(`${checkpointFile} cannot be trusted: ${opened.problem}`, 1);
  // The server's own latest checkpoint vouches for records added after the one given; a journal
  // named with --journal (a copy, an evidence pack) has none beside it.
  let latest;
  if (!flags.journal && existsSync(files.checkpoint)) {
    const own = await openCheckpoint(readInputFile(files.checkpoint, "the server's latest checkpoint"), keys);
    if (!own.ok) fail(`${files.checkpoint}, the server's latest checkpoint, cannot be trusted: ${own.problem}`, 1);
    latest = own.checkpoint;
  }
  const report = await checkJournalAgainst(file, opened.checkpoint, latest);
  if (!report.ok) fail(`${file} does not match ${checkpointFile}. ${report.lines.join(" ")}`, 1);
  console.log(`${file}: chain valid, and consistent with ${checkpointFile}.`);
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
