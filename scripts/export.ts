// `npm run export -- --format csv|json [--out FILE] [--bom]`: every acknowledgement record, streamed
// from the journal in the data folder (AUP_DATA_DIR, default ./data). Reading that folder directly
// needs access to the server's files; over HTTP, GET /api/admin/export needs the admin token.
import { createWriteStream, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { csvExport } from "../src/hr/csvExport.ts";
import { exportStream } from "../src/hr/exportRecords.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { journalBatches } from "../src/records/journalReader.ts";
import { readRoster } from "../src/records/stateFile.ts";
import { isStoreError } from "../src/records/storeError.ts";
import type { Employee } from "../src/schemas/employee.ts";

const USAGE = "Usage: npm run export -- --format csv|json [--out FILE] [--bom]";

function fail(message: string, code = 2): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(code);
}

let options: { format?: string; out?: string; bom?: boolean };
try {
  ({ values: options } = parseArgs({
    options: { format: { type: "string" }, out: { type: "string" }, bom: { type: "boolean" } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
const format = options.format;
if (format !== "csv" && format !== "json")
  fail(format ? `--format must be csv or json, not ${JSON.stringify(format)}.` : "--format is required.");
if (options.bom && format !== "csv") fail("--bom applies to CSV only.");

const dir = path.resolve(dataDir());
const journal = dataFiles(dir).journal;
if (!existsSync(journal))
  fail(
    `${journal} does not exist: nothing has been acknowledged in this data folder (set AUP_DATA_DIR to export another).`,
    1,
  );
// Read without the server's lock: exporting while the server runs is safe.
let roster: readonly Employee[];
try {
  roster = await readRoster(dir);
} catch (error) {
  if (!isStoreError(error)) throw error;
  fail(error.message, 1);
}

const warn = (message: string) => console.error(message);
// CSV rows are made by worker threads, a range of the journal each (csvExport.ts); JSON holds every
// field of every record, so it is read in full, in this thread.
const exported =
  format === "csv"
    ? Readable.from(csvExport(journal, roster, { bom: options.bom, warn }), { highWaterMark: 1 })
    : exportStream(journalBatches(journal, warn), roster, { format });
const output = options.out ? createWriteStream(options.out, { flags: "wx" }) : process.stdout;
try {
  await pipeline(exported, output);
  if (options.out) console.error(`Wrote ${options.out}.`);
} catch (error) {
  if (options.out && (error as NodeJS.ErrnoException).code !== "EEXIST") rmSync(options.out, { force: true });
  if ((error as NodeJS.ErrnoException).code === "EEXIST")
    fail(`${options.out} already exists. Choose another file name; exports never overwrite.`, 1);
  if (isStoreError(error)) fail(error.message, 1);
  throw error;
}
