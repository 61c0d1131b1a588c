import { readFile } from "node:fs/promises";
import { readFailure } from "./readFailure.ts";
import { replaceFile } from "./replaceFile.ts";
import { StoreError } from "./storeError.ts";
import type { Pin } from "./journal.ts";
import { CheckpointError, parseCheckpoint } from "../evidence/checkpoint.ts";

/**
 * The latest checkpoint the server signed, kept in the data folder: what the next start holds the
 * journal to. Undefined when none was written yet (a new data folder, or one from before checkpoints).
 */
export async function readPin(file: string): Promise<Pin | undefined> {
  let note: string;
  try {
    note = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw readFailure(file, error);
  }
  const blank = note.indexOf("\n\n");
  try {
    const { size, root } = parseCheckpoint(blank < 0 ? note : note.slice(0, blank + 1));
    return { size, root: Buffer.from(root), file };
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new StoreError(
      "damaged",
      `${file} is not the signed checkpoint the server writes (${error.message}) It holds the journal to what the server last published: restore it from a backup; if the journal itself checks out (npm run verify), moving it aside lets the server start and sign a new one.`,
    );
  }
}

/** Writes the signed checkpoint whole: a crash leaves the old or the new. */
export function writeCheckpointFile(file: string, note: string): Promise<void> {
  return replaceFile(file, (handle) => handle.writeFile(note, "utf8"));
}
