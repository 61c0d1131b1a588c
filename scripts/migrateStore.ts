// `npm run migrate-store -- --to postgres://…|FOLDER [--from postgres://…|FOLDER]`: moves every
// record (the chain, byte for byte), the roster, the latest checkpoint and the reminders' sends
// from one records store into an empty one: a data folder into PostgreSQL, or back. Without --from
// the source is the data folder (AUP_DATA_DIR, default ./data) when --to is a database, and the
// database AUP_DATABASE_URL names when --to is a folder. The chain is verified before and after;
// a target that holds anything is refused. Stop the servers first: a data folder is locked for
// the move, and a database's appends wait until it is done.
import path from "node:path";
import { parseArgs } from "node:util";
import { countOf } from "../src/lib/plural.ts";
import { dataDir } from "../src/records/dataFiles.ts";
import { acquireDataLock } from "../src/records/dataLock.ts";
import { folderTarget } from "../src/records/folderTarget.ts";
import { moveRecords } from "../src/records/moveRecords.ts";
import type { MoveTarget } from "../src/records/moveTargets.ts";
import { holdAppends, openTableRecords } from "../src/records/pgStoredRecords.ts";
import { describeDatabase } from "../src/records/pgFailure.ts";
import { pgTarget } from "../src/records/pgTarget.ts";
import { folderRecords, type StoredRecords } from "../src/records/storedRecords.ts";
import { isStoreError } from "../src/records/storeError.ts";

const USAGE = "Usage: npm run migrate-store -- --to postgres://USER:PASSWORD@HOST:PORT/DATABASE|FOLDER [--from …]";

function fail(message: string, code = 1): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let flags: { to?: string; from?: string };
try {
  ({ values: flags } = parseArgs({ options: { to: { type: "string" }, from: { type: "string" } }, strict: true }));
} catch (error) {
  fail((error as Error).message, 2);
}
const isDatabase = (where: string) => /^postgres(ql)?:\/\//i.test(where);
const to = flags.to?.trim();
if (!to) fail("--to is required: the PostgreSQL URL or the data folder to move the records into.", 2);
const from =
  flags.from?.trim() ||
  (isDatabase(to)
    ? path.resolve(dataDir())
    : process.env.AUP_DATABASE_URL?.trim() ||
      fail(
        "--to names a folder, so the records come from a database: set AUP_DATABASE_URL, or give it with --from.",
        2,
      ));
const name = (where: string) => (isDatabase(where) ? describeDatabase(where) : path.resolve(where));
if (name(from) === name(to)) fail(`--to and the source are both ${name(to)}: move the records somewhere else.`, 2);

const warn = (message: string) => console.error(message);
// The servers' data folder holds the signing keys: a new folder gets a copy, so that receipts and
// checkpoints signed before the move still check.
const keysFrom = isDatabase(from) ? path.resolve(dataDir()) : path.resolve(from);
const released: (() => unknown)[] = [];
try {
  let source: StoredRecords;
  if (isDatabase(from)) {
    source = await openTableRecords(from);
    released.push(() => source.close(), await holdAppends(from));
  } else {
    released.push(acquireDataLock(path.resolve(from), warn));
    source = folderRecords(path.resolve(from));
  }
  const target: MoveTarget = isDatabase(to) ? await pgTarget(to) : folderTarget(path.resolve(to), keysFrom, warn);
  released.unshift(() => target.close());
  const moved = await moveRecords(source, target);
  console.log(
    `Moved ${countOf(moved.records, "record")}, a roster of ${countOf(moved.employees, "employee")}, ${countOf(moved.sends, "reminder send")} and ${moved.checkpointSize === undefined ? "no checkpoint (none was signed)" : `the latest checkpoint (${moved.checkpointSize} records)`} from ${name(from)} to ${name(to)}.`,
  );
  console.log(
    `The chain was verified before and after the move: Merkle root ${moved.root.toString("base64")} on both sides.`,
  );
  console.log(
    isDatabase(to)
      ? `Start the servers with AUP_DATABASE_URL set to it, and AUP_DATA_DIR=${keysFrom} (the signing keys) or a copy of its keys.`
      : `Start the server with AUP_DATA_DIR=${path.resolve(to)} and without AUP_DATABASE_URL.`,
  );
} catch (error) {
  if (!isStoreError(error)) throw error;
  // Not fail(): the locks are released below before the process ends.
  console.error(error.message);
  process.exitCode = 1;
} finally {
  for (const release of released) await release();
}
