import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` whole: `write` fills a temporary file beside it (owner-only), which is synced,
 * renamed over the file and the folder synced, so that a crash leaves the old file or the new one,
 * never half of either. When anything fails the temporary file is removed (on what may be a full
 * disk it would only hold space) and the error is passed on.
 */
export async function replaceFile(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, "w", 0o600); // renamed over the file: its mode is the file's
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    const folder = await open(path.dirname(file), "r");
    await folder.sync().finally(() => folder.close());
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** replaceFile for callers that cannot wait (the signing keys are read and written before anything else runs). */
export function replaceFileSync(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    const folder = openSync(path.dirname(file), "r");
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
