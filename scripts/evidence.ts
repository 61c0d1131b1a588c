// `npm run evidence -- --out FILE.zip`: the auditor's evidence pack of the records store (the database
// AUP_DATABASE_URL names, or else the data folder AUP_DATA_DIR, default ./data): the records its latest checkpoint covers, that checkpoint, the public keys, the
// policy text with its hash, the roster's status and a README on checking each part without this
// system. Reads the folder without its lock: making a pack while the server runs is safe.
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeEvidencePack } from "../src/hr/evidencePack.ts";
import { packSources } from "../src/hr/packSources.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import { contentDir } from "../src/policy/paths.ts";
import { readReleases } from "../src/releases/releaseFiles.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { publishedKeys } from "../src/records/signingKeys.ts";
import { openStoredRecords, type StoredRecords } from "../src/records/storedRecords.ts";
import { isStoreError } from "../src/records/storeError.ts";

const USAGE = "Usage: npm run evidence -- --out FILE.zip";

function fail(message: string, code = 2): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let out: string | undefined;
try {
  out = parseArgs({ options: { out: { type: "string" } }, strict: true }).values.out;
} catch (error) {
  fail((error as Error).message);
}
if (!out) fail("--out is required: the zip file to write.");
if (!out.endsWith(".zip")) fail(`--out names the zip to write, ending in .zip, not ${JSON.stringify(out)}.`);
const target = path.resolve(out);
if (!existsSync(path.dirname(target))) fail(`${path.dirname(target)} does not exist: create the folder first.`);

const dir = path.resolve(dataDir());
const onDatabase = Boolean(process.env.AUP_DATABASE_URL?.trim());
if (!onDatabase && !existsSync(dataFiles(dir).journal))
  fail(
    `${dataFiles(dir).journal} does not exist: nothing has been acknowledged in this data folder (set AUP_DATA_DIR to pack another, or AUP_DATABASE_URL to pack a database).`,
    1,
  );
const partial = `${target}.${process.pid}.part`;
let stored: StoredRecords | undefined;
try {
  // The public keys are the servers': in the data folder, whichever store holds the records.
  const keys = publishedKeys(dir);
  if (!keys)
    fail(
      `${dataFiles(dir).publicKeys} does not exist: start the server once (npm start), which creates the signing key${onDatabase ? ", or set AUP_DATA_DIR to the servers' data folder" : ""}.`,
      1,
    );
  stored = await openStoredRecords(dir);
  const sources = await packSources(stored, {
    jwks: keys.jwks,
    policy: loadPolicy(),
    releases: readReleases(contentDir()).releases,
    warn: (message) => console.error(message),
  });
  const summary = await writeEvidencePack(partial, sources);
  renameSync(partial, target); // a pack that stopped half-way is never left under the name asked for
  console.log(
    `${target}: ${summary.records} records, the status of ${summary.employees} employees, ${summary.files.length} files. Its README.md says how to check each one.`,
  );
} catch (error) {
  rmSync(partial, { force: true });
  if (!isStoreError(error)) throw error;
  fail(error.message, 1);
} finally {
  await stored?.close();
}
