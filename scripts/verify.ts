// `npm run verify`: checks the acknowledgement journal's hash chain without changing anything.
// Exit 0 when every record fits; 1 with the first record that does not; 2 when the journal cannot be read.
import { readFileSync } from "node:fs";
import path from "node:path";
import { verifyChain } from "../src/records/chain.ts";
import { chainMessage, parseJournal } from "../src/records/journal.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { isStoreError } from "../src/records/storeError.ts";

const file = dataFiles(path.resolve(dataDir())).journal;
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === "ENOENT"
      ? `${file} does not exist: no acknowledgement has been recorded in this data folder (set AUP_DATA_DIR to check another).`
      : `${file} cannot be read (${code}).`,
  );
  process.exit(2);
}
try {
  const { records, tornTail } = parseJournal(file, text);
  const problem = verifyChain(records);
  if (problem) {
    console.error(chainMessage(file, problem));
    process.exit(1);
  }
  if (tornTail !== undefined)
    console.warn(
      `${file}: the last line is incomplete (a crash while writing); the server moves it aside on its next start.`,
    );
  console.log(
    `${file}: ${records.length} records, chain valid${records.length ? `; last record ${records.at(-1)?.id}, hash ${records.at(-1)?.hash}` : ""}.`,
  );
} catch (error) {
  if (!isStoreError(error)) throw error;
  console.error(error.message);
  process.exit(1);
}
