import { copyFileSync } from "node:fs";
import path from "node:path";
import { DATA_FILE_NAMES } from "../../src/records/dataFiles.ts";
import { freshDatabase } from "./postgres.ts";
import { dataDir } from "./records.ts";
import { serveData } from "./servedData.ts";

/**
 * Two built servers on one fresh database, each with its own data folder holding the same keys:
 * what a second machine is given is the same signing key (its checkpoints and receipts verify with
 * the same public keys) and the same receipt secret (a receipt link works on either). `prepare`
 * runs once the database exists, before either server starts (a roster import, say).
 */
export async function twoServersOnOneDatabase(
  env: Record<string, string>,
  prepare: (url: string, dir: string) => Promise<void> | void = () => undefined,
) {
  const url = await freshDatabase();
  const [dirA, dirB] = [dataDir(), dataDir()];
  await prepare(url, dirA);
  const a = await serveData(dirA, { ...env, AUP_DATABASE_URL: url });
  for (const file of [DATA_FILE_NAMES.signingKey, DATA_FILE_NAMES.publicKeys, DATA_FILE_NAMES.receiptSecret])
    copyFileSync(path.join(dirA, file), path.join(dirB, file));
  const b = await serveData(dirB, { ...env, AUP_DATABASE_URL: url });
  return { url, a, b, dirs: [dirA, dirB] as const };
}
