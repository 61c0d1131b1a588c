import { openPostgresStore } from "./pgRecordsStore.ts";
import { openRecordsStore, type RecordsStore } from "./recordsStore.ts";

/**
 * The records store this environment asks for: PostgreSQL when AUP_DATABASE_URL is set (several
 * servers may share it), otherwise the embedded journal in the data folder `dir`. Everything
 * above this line sees only a RecordsStore.
 */
export function openConfiguredStore(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = console.warn,
): Promise<RecordsStore> {
  const url = env.AUP_DATABASE_URL?.trim();
  return url ? openPostgresStore(url, dir, warn) : openRecordsStore(dir, warn);
}
