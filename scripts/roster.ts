// `npm run roster -- import [--sync] FILE`: imports an HR roster CSV into the store (the data folder,
// AUP_DATA_DIR, or the PostgreSQL database AUP_DATABASE_URL names, which servers may share while
// it runs); with --sync the file is the whole roster, and employees missing from it are marked left.
// While a server runs it owns a data folder: import through the dashboard or the API instead.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fixProblemsText, refusedImportText, rosterChangeText } from "../src/hr/rosterChangeText.ts";
import { formatRosterProblem, parseRosterCsv } from "../src/hr/rosterCsv.ts";
import { countOf } from "../src/lib/plural.ts";
import { dataDir } from "../src/records/dataFiles.ts";
import { openConfiguredStore } from "../src/records/openStore.ts";
import { isStoreError } from "../src/records/storeError.ts";

const USAGE = "Usage: npm run roster -- import [--sync] FILE.csv";
let args: { values: { sync?: boolean }; positionals: string[] };
try {
  args = parseArgs({ options: { sync: { type: "boolean" } }, allowPositionals: true, strict: true });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [command, file, ...extra] = args.positionals;
const sync = args.values.sync === true;
if (command !== "import" || !file || extra.length) {
  console.error(USAGE);
  process.exit(2);
}
let csv: string;
try {
  csv = readFileSync(file, "utf8");
} catch (error) {
  console.error(`${file} cannot be read (${(error as NodeJS.ErrnoException).code}). Check the path.`);
  process.exit(2);
}
const { employees, problems, shape } = parseRosterCsv(csv);
if (problems.length) {
  console.error(`${file}: ${refusedImportText(problems, shape)} ${fixProblemsText(problems)}`);
  for (const problem of problems) console.error(`  ${formatRosterProblem(problem)}`);
  process.exit(1);
}
const dir = path.resolve(dataDir());
try {
  const store = await openConfiguredStore(dir);
  const today = new Date().toISOString().slice(0, 10);
  const change = await store.importRoster(employees, sync ? { today } : undefined).finally(() => store.close());
  console.log(`${file}: ${rosterChangeText(change)} (${countOf(store.roster().length, "employee")} in the roster).`);
} catch (error) {
  if (!isStoreError(error)) throw error;
  const hint =
    error.kind === "locked"
      ? `\nWhile the server runs, import through the dashboard (/admin) or the API:\n  curl -X POST -H "content-type: text/csv" -H "authorization: Bearer $AUP_ADMIN_TOKEN" --data-binary @${file} http://localhost:4321/api/admin/roster${sync ? "?sync=1" : ""}`
      : "";
  console.error(`${error.message}${hint}`);
  process.exit(1);
}
