import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement } from "./acknowledgementFixture.ts";

export { acknowledgement };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway data folder, removed after the test. */
export function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-data-"));
  dirs.push(dir);
  return dir;
}

/** A data folder whose journal already holds `count` acknowledgements. */
export async function dataDirWithRecords(count: number): Promise<string> {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= count; n++) await store.acknowledge(acknowledgement(n));
  await store.close();
  return dir;
}
