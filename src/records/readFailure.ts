import { StoreError } from "./storeError.ts";

/** What each error a read can meet means for the person running the server, and what to do. */
const CAUSES: Record<string, string> = {
  EACCES: "permission denied: give the server's user read and write access to it",
  EPERM: "the operating system does not allow it: give the server's user read and write access to it",
  EISDIR: "it is a folder, not a file: move the folder away",
  EIO: "the disk reported an input/output error: check the disk (its health, a network mount), then restore from a backup if it is damaged",
  EMFILE: "too many files are open: raise the process's open-file limit (ulimit -n)",
  ENFILE: "too many files are open on this machine: close other programs or raise the limit",
};

/**
 * A StoreError for a data file that could not be read, naming the operating system's real reason
 * in words (and its code), so that the operator is sent the right way.
 */
export function readFailure(file: string, error: unknown): StoreError {
  const code = (error as NodeJS.ErrnoException).code;
  const cause = (code && CAUSES[code]) ?? (error as Error).message;
  return new StoreError(
    "unreadable",
    `${file} cannot be read: ${cause} (${code ?? "no error code"}). Then start again.`,
    { cause: error },
  );
}
