// `npm run export -- --format csv|json|jsonl [--what records|status] [--out FILE] [--bom]`: every
// acknowledgement record (the default; jsonl: the chain exactly as stored, the journal's format),
// or every roster employee's status (filtered with --department, --status, --version, --search as
// the dashboard filters), streamed from the database AUP_DATABASE_URL names, or else the data
// folder (AUP_DATA_DIR, default ./data). Reading them directly needs the servers' credentials or
// files; over HTTP, GET /api/admin/export needs the admin token.
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { csvExport } from "../src/hr/csvExport.ts";
import { csvOfLines } from "../src/hr/csvOfLines.ts";
import { exportStream } from "../src/hr/exportRecords.ts";
import { rowsForExport } from "../src/hr/report.ts";
import { STATUSES, statusRules, type Status } from "../src/hr/status.ts";
import { statusExportStream } from "../src/hr/statusExport.ts";
import { statusOfRecords } from "../src/hr/statusOfRecords.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import { dataDir } from "../src/records/dataFiles.ts";
import { journalBatches } from "../src/records/journalReader.ts";
import { openStoredRecords } from "../src/records/storedRecords.ts";
import { parsedRuns } from "../src/records/storedLines.ts";
import { releaseRules } from "../src/hr/releaseRules.ts";
import { contentDir } from "../src/policy/paths.ts";
import { readReleases } from "../src/releases/releaseFiles.ts";
import { isStoreError } from "../src/records/storeError.ts";

const USAGE =
  "Usage: npm run export -- --format csv|json|jsonl [--what records|status] [--out FILE] [--bom]\n" +
  "  with --what status: [--department NAME] [--status complete|due|overdue|left] [--version V] [--search TEXT]";

function fail(message: string, code = 2): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(code);
}

let options: {
  format?: string;
  what?: string;
  out?: string;
  bom?: boolean;
  department?: string;
  status?: string;
  version?: string;
  search?: string;
};
try {
  ({ values: options } = parseArgs({
    options: {
      format: { type: "string" },
      what: { type: "string" },
      out: { type: "string" },
      bom: { type: "boolean" },
      department: { type: "string" },
      status: { type: "string" },
      version: { type: "string" },
      search: { type: "string" },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
const format = options.format;
if (format !== "csv" && format !== "json" && format !== "jsonl")
  fail(format ? `--format must be csv, json or jsonl, not ${JSON.stringify(format)}.` : "--format is required.");
if (options.bom && format !== "csv") fail("--bom applies to CSV only.");
const what = options.what ?? "records";
if (what !== "records" && what !== "status")
  fail(
    `--what must be records (the acknowledgements) or status (every roster employee's), not ${JSON.stringify(what)}.`,
  );
if (format === "jsonl" && what === "status")
  fail("--format jsonl writes the records as stored (the chain); the status export is csv or json.");
const filters = {
  department: options.department,
  status: options.status,
  version: options.version,
  search: options.search,
};
if (what === "records" && Object.values(filters).some((value) => value !== undefined))
  fail("--department, --status, --version and --search filter the status export: add --what status.");
if (filters.status !== undefined && !STATUSES.includes(filters.status as Status))
  fail(`--status must be one of ${STATUSES.join(", ")}, not ${JSON.stringify(filters.status)}.`);

const dir = path.resolve(dataDir());
const onDatabase = Boolean(process.env.AUP_DATABASE_URL?.trim());
const stored = await openStoredRecords(dir).catch((error: unknown) => {
  if (!isStoreError(error)) throw error;
  fail(error.message, 1);
});
const warn = (message: string) => console.error(message);
const today = new Date().toISOString().slice(0, 10);
// The same rules as the dashboard's: the releases say who owes an update and which texts still count.
const statusPolicy = () => {
  const policy = loadPolicy();
  return statusRules(policy, today, releaseRules(readReleases(contentDir()).releases, policy));
};
let exported: Readable;
try {
  if (what === "records" && !(await stored.hasRecords()))
    fail(
      onDatabase
        ? `${stored.where} holds no records yet: nothing has been acknowledged.`
        : `${stored.where} does not exist: nothing has been acknowledged in this data folder (set AUP_DATA_DIR to export another, or AUP_DATABASE_URL to export a database).`,
      1,
    );
  // Read without the server's lock: exporting while the servers run is safe.
  const roster = await stored.roster();
  const batches = () =>
    onDatabase ? parsedRuns(stored.where, stored.lines(), stored.fix) : journalBatches(stored.where, warn);
  if (format === "jsonl")
    // The chain exactly as stored, one record a line: what npm run verify -- --journal checks.
    exported = Readable.from(stored.jsonl());
  else if (what === "status")
    exported = statusExportStream(
      rowsForExport(await statusOfRecords(batches(), roster, statusPolicy()), {
        ...filters,
        status: filters.status as Status | undefined,
      }),
      { format, today, bom: options.bom },
    );
  // A data folder's CSV rows are made by worker threads, a range of the journal each (csvExport.ts);
  // a database's, as COPY streams its rows. Each reads records without the scenarios the CSV does not
  // show; JSON holds every field of every record, so it is read in full, in this thread.
  else if (format === "csv")
    exported = Readable.from(
      onDatabase
        ? csvOfLines(stored.where, stored.lines(), roster, { bom: options.bom, fix: stored.fix })
        : csvExport(stored.where, roster, { bom: options.bom, warn }),
      { highWaterMark: 1 },
    );
  else exported = exportStream(batches(), roster, { format, bom: options.bom });
} catch (error) {
  if (!isStoreError(error)) throw error;
  fail(error.message, 1);
}
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
} finally {
  await stored.close();
}
