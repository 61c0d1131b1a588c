// `npm run verify`: checks the acknowledgement journal's hash chain without changing anything.
// Exit 0 when every record fits; 1 with the first record that does not; 2 when the journal cannot be read.
// Ranges of the journal are checked in parallel by worker threads, each reading its own from disk in
// chunks: a journal of any size is checked in the memory of a few ranges.
import { existsSync } from "node:fs";
import path from "node:path";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { isStoreError } from "../src/records/storeError.ts";
import { verifyJournal, type VerifiedJournal } from "../src/records/verifyJournal.ts";

const file = dataFiles(path.resolve(dataDir())).journal;
if (!existsSync(file)) {
  console.error(
    `${file} does not exist: no acknowledgement has been recorded in this data folder (set AUP_DATA_DIR to check another).`,
  );
  process.exit(2);
}
let verified: VerifiedJournal;
try {
  verified = await verifyJournal(file);
} catch (error) {
  if (!isStoreError(error)) throw error;
  console.error(error.message);
  process.exit(error.kind === "damaged" ? 1 : 2);
}
if (verified.tail)
  console.warn(
    `${file}: the last line is incomplete (a crash while writing); the server moves it aside on its next start.`,
  );
const { count, hash } = verified.head;
console.log(`${file}: ${count} records, chain valid${count ? `; last record ${verified.lastId}, hash ${hash}` : ""}.`);
