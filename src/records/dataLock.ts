import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dataFiles } from "./dataFiles.ts";
import { StoreError } from "./storeError.ts";

/**
 * One server per data folder: two processes appending to the same journal would break its chain.
 * The lock file holds the owner's process id; a lock left by a process that no longer runs (a
 * crash, a kill -9) is taken over.
 */
export function acquireDataLock(dir: string): () => void {
  const file = dataFiles(dir).lock;
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST")
        throw new StoreError(
          "unreadable",
          `The data folder ${dir} cannot be written (${code}). The server keeps its records there: make it writable (permissions, a read-only mount, a full disk) or point AUP_DATA_DIR elsewhere, then start again.`,
        );
      const owner = Number(readFileSync(file, "utf8"));
      if (isRunning(owner) && owner !== process.pid)
        throw new StoreError(
          "locked",
          `Another aup-course server (process ${owner}) is already using the data folder ${dir}. Stop it first, or give this one its own folder with AUP_DATA_DIR.`,
        );
      rmSync(file, { force: true }); // left behind by a process that has gone
    }
  }
  throw new StoreError(
    "locked",
    `Could not lock the data folder ${dir}: ${file} keeps reappearing. Check that no other server is starting at the same time.`,
  );
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
