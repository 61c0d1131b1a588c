// `npm run roster -- import FILE`: imports an HR roster CSV into the store (the data folder,
// AUP_DATA_DIR, or the PostgreSQL database AUP_DATABASE_URL names, which servers may share while
// it runs). While a server runs it owns a data folder: import through the dashboard or the API instead.
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatRosterProblem, parseRosterCsv } from "../src/hr/rosterCsv.ts";
import { dataDir } from "../src/records/dataFiles.ts";
import { openConfiguredStore } from "../src/records/openStore.ts";
import { isStoreError } from "../src/records/storeError.ts";

const [command, file, ...extra] = process.argv.slice(2);
if (command !== "import" || !file || extra.length) {
  console.error("Usage: npm run roster -- import FILE.csv");
  process.exit(2);
}
let csv: string;
try {
  csv = readFileSync(file, "utf8");
} catch (error) {
  console.error(`${file} cannot be read (${(error as NodeJS.ErrnoException).code}). Check the path.`);
  process.exit(2);
}
const { employees, problems } = parseRosterCsv(csv);
if (problems.length) {
  console.error(`${file}: nothing was imported; fix these ${problems.length} problem(s) and import again:`);
  for (const problem of problems) console.error(`  ${formatRosterProblem(problem)}`);
  process.exit(1);
}
const dir = path.resolve(dataDir());
try {
  const store = await openConfiguredStore(dir);
  const change = await store.importRoster(employees).finally(() => store.close());
  console.log(
    `${file}: ${change.added} added, ${change.updated} updated, ${change.unchanged} unchanged (${store.roster().length} employees in the roster).`,
  );
} catch (error) {
  if (!isStoreError(error)) throw error;
  const hint =
    error.kind === "locked"
      ? `\nWhile the server runs, import through the dashboard (/admin) or the API:\n  curl -X POST -H "content-type: text/csv" -H "authorization: Bearer $AUP_ADMIN_TOKEN" --data-binary @${file} http://localhost:4321/api/admin/roster`
      : "";
  console.error(`${error.message}${hint}`);
  process.exit(1);
}
