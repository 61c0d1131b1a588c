import { dataDir } from "../records/dataFiles.ts";
import { openConfiguredStore } from "../records/openStore.ts";
import type { RecordsStore } from "../records/recordsStore.ts";

// The server entry opens the store before it listens; the API routes are bundled separately by
// Astro, so the open store is shared through a global rather than a module variable.
const KEY = Symbol.for("aup-course.records-store");
type Holder = { [KEY]?: Promise<RecordsStore> };

/** Opens the store once per process (the dev server opens it on first use). */
export function recordsStore(): Promise<RecordsStore> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openConfiguredStore(dataDir());
  return holder[KEY];
}
