import { chmodSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import { DATA_FILE_NAMES, isTornFile } from "./dataFiles.ts";

const DATA_NAMES = new Set<string>(Object.values(DATA_FILE_NAMES));

/**
 * Takes group and world access away from the data folder and the store's files in it, each reported
 * through `warn` with the modes before and after. An earlier release left them readable by everyone
 * (0755 and 0644); an operator upgrading expects the fix to cover the records already there. Only
 * bits are removed, never added. What cannot be changed (a file owned by another user) is reported
 * with the chmod to run, and the start goes on: the server can still work, and says what to fix.
 */
export function tightenDataFolder(dir: string, warn: (message: string) => void): void {
  tighten(dir, "directory", warn);
  for (const name of readdirSync(dir))
    if (DATA_NAMES.has(name) || isTornFile(name)) tighten(path.join(dir, name), "file", warn);
}

function tighten(target: string, kind: "directory" | "file", warn: (message: string) => void): void {
  let stat;
  try {
    stat = lstatSync(target);
  } catch {
    return; // removed meanwhile
  }
  if (kind === "file" && !stat.isFile()) return; // a link or a folder by that name is not the store's
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return;
  const wanted = mode & 0o700;
  const octal = (m: number) => m.toString(8).padStart(4, "0");
  try {
    chmodSync(target, wanted);
    warn(
      `${target} was open to other users (mode ${octal(mode)}), though the records hold names and emails: it is now ${octal(wanted)}, owner only.`,
    );
  } catch (error) {
    warn(
      `${target} is open to other users (mode ${octal(mode)}) and could not be changed (${(error as NodeJS.ErrnoException).code}): as its owner, run chmod ${kind === "directory" ? "700" : "600"} ${target}`,
    );
  }
}
