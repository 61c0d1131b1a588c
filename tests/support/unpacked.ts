import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";

/** Unzips into a fresh folder, as an auditor would: nothing of the data folder is beside it. */
export function unpacked(zip: string): string {
  const to = mkdtempSync(path.join(tmpdir(), "aup-pack-"));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(path.dirname(path.join(to, name)), { recursive: true });
    writeFileSync(path.join(to, name), bytes);
  }
  return to;
}
