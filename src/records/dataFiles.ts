import path from "node:path";

/**
 * Where the records live and what each file is called. The server, the CLIs and the tests all find
 * the data folder and its files here, so that a name is written once.
 */

/** The data folder: AUP_DATA_DIR, or `data` in the working folder. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUP_DATA_DIR ?? "data";
}

export const DATA_FILE_NAMES = {
  /** The append-only journal of acknowledgements (JSON Lines): the evidence. */
  journal: "acknowledgements.jsonl",
  /** What the server derived from the journal, saved to start faster; checked against it, never evidence. */
  index: "acknowledgements.index",
  /** Mutable state (the roster), rewritten atomically. */
  state: "state.json",
  /** Holds the process id of the one server that uses the folder. */
  lock: "server.lock",
  /** The generated HR admin token, when AUP_ADMIN_TOKEN is not set. */
  adminToken: "admin-token",
  /** The Ed25519 key that signs checkpoints and receipts, when AUP_SIGNING_KEY_FILE is not set. */
  signingKey: "signing-key.pem",
  /** The log's origin and every public key it has signed with (current and retired), so that old receipts still verify. */
  publicKeys: "signing-keys.json",
  /** The latest checkpoint the server signed: a journal found shorter than it, or different, is refused. */
  checkpoint: "checkpoint.txt",
  /** The secret behind learners' private receipt links, apart from the admin token so that rotating it keeps them. */
  receiptSecret: "receipt-secret",
  /** Every reminder email claimed and sent (append-only): HR's evidence of who was chased, and what stops a second send. */
  sends: "reminders.jsonl",
} as const;

export type DataFile = keyof typeof DATA_FILE_NAMES;

/** The path of each data file in the folder `dir`. */
export function dataFiles(dir: string): Record<DataFile, string> {
  return Object.fromEntries(
    Object.entries(DATA_FILE_NAMES).map(([file, name]) => [file, path.join(dir, name)]),
  ) as Record<DataFile, string>;
}

const TORN = ".torn-";

/**
 * Where a torn last line of `journal` is set aside: beside it, named by the time it was found
 * (colons and dots replaced, so that the name is valid on every file system).
 */
export function tornFile(journal: string, at: Date = new Date()): string {
  return `${journal}${TORN}${at.toISOString().replace(/[:.]/g, "-")}`;
}

/** Whether `name` (a file name in the data folder) is a torn line set aside from the journal. */
export function isTornFile(name: string): boolean {
  return path.basename(name).startsWith(`${DATA_FILE_NAMES.journal}${TORN}`);
}
