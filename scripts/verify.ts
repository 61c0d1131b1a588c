// `npm run verify`: checks the acknowledgement journal's hash chain without changing anything.
// Exit 0 when every record fits; 1 with the first record that does not; 2 when the journal cannot be read.
// The journal is read as a stream: a journal of any size is checked in the memory of one chunk.
import { existsSync } from "node:fs";
import path from "node:path";
import { ChainCheck } from "../src/records/chain.ts";
import { chainMessage } from "../src/records/journal.ts";
import { journalLines, type ScanEnd } from "../src/records/journalLines.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { parseRecordLine } from "../src/records/recordLine.ts";
import { isStoreError } from "../src/records/storeError.ts";

const file = dataFiles(path.resolve(dataDir())).journal;
if (!existsSync(file)) {
  console.error(
    `${file} does not exist: no acknowledgement has been recorded in this data folder (set AUP_DATA_DIR to check another).`,
  );
  process.exit(2);
}
const FIX = "Restore the journal from a backup.";
const check = new ChainCheck();
const found: ScanEnd = { end: 0 };
let lastId = "";
try {
  for await (const run of journalLines(file, found))
    for (const line of run.lines) {
      const record = parseRecordLine(file, line, check.current.count + 1, FIX);
      const problem = check.next(record);
      if (problem) {
        console.error(chainMessage(file, problem));
        process.exit(1);
      }
      lastId = record.id;
    }
} catch (error) {
  if (!isStoreError(error)) throw error;
  console.error(error.message);
  process.exit(error.kind === "damaged" ? 1 : 2);
}
if (found.tail !== undefined)
  console.warn(
    `${file}: the last line is incomplete (a crash while writing); the server moves it aside on its next start.`,
  );
const { count, hash } = check.current;
console.log(`${file}: ${count} records, chain valid${count ? `; last record ${lastId}, hash ${hash}` : ""}.`);
