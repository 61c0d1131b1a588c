import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { z } from "zod";
import { dataFiles } from "./dataFiles.ts";
import { bootId, bootTime, isRunning, processStartedAt, processStartTicks } from "./processIdentity.ts";
import { StoreError } from "./storeError.ts";

/**
 * What the lock file says of the server holding the folder: enough to tell, later, whether that very
 * process still runs (a pid alone is reused), on which machine, and for which folder.
 */
const LockSchema = z.object({
  pid: z.number().int().positive(),
  /** Clock ticks since boot at which the process started (/proc/<pid>/stat field 22), where known. */
  startTicks: z.string().optional(),
  bootId: z.string().optional(),
  host: z.string(),
  /** The data folder's real path (symbolic links resolved). */
  dir: z.string(),
  /** When the lock was taken, for messages. */
  since: z.string(),
});
type Lock = z.infer<typeof LockSchema>;

/** An earlier release's lock: the process id alone. */
const LEGACY_LOCK = /^\s*(\d+)\s*$/;

type Verdict = { stale: string } | { refuse: string };

/**
 * One server per data folder: two processes appending to the same journal would break its chain.
 * The lock file is created whole and atomically (written aside, then hard-linked into place, which
 * fails if a lock exists), so a lock is never seen half-written. A lock that names no running server
 * of this folder (its process gone, its pid reused by another process, or a server of a folder
 * copied with its lock) is stale: it is taken over and reported through `warn`. A live server, a
 * lock from another host (a folder on shared storage) or a file that is no lock this version knows
 * is refused, with what to check. Returns the release, which removes the lock only while it is
 * still this process's. (The store makes the folder owner-only once it has opened: tightenDataFolder.)
 */
export function acquireDataLock(dir: string, warn: (message: string) => void = console.warn): () => void {
  const file = dataFiles(dir).lock;
  const mine = `${JSON.stringify(ownLock(dir))}\n`;
  for (let tries = 0; tries < 3; tries++) {
    if (create(file, mine, dir)) return () => release(file, mine);
    const found = readLock(file);
    if (found === undefined) continue; // removed meanwhile: try again
    const verdict = judge(found, file, dir);
    if ("refuse" in verdict) throw new StoreError("locked", verdict.refuse);
    if (setAside(file, found)) warn(`${verdict.stale} It was taken over: ${file} now names this server.`);
  }
  throw new StoreError(
    "locked",
    `Could not lock the data folder ${dir}: ${file} keeps reappearing. Check that no other server is starting at the same time.`,
  );
}

function ownLock(dir: string): Lock {
  return {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    bootId: bootId(),
    host: hostname(),
    dir: realpathSync(dir),
    since: new Date().toISOString(),
  };
}

/** Creates `file` holding `content` unless it exists; false if it does. */
function create(file: string, content: string, dir: string): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
    try {
      linkSync(temporary, file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      if (code === "EEXIST") return false;
      if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(code)) throw error;
      // A file system without hard links: create exclusively and write (a reader may then see the
      // file empty for an instant, and refuses rather than take it over).
      writeFileSync(file, content, { mode: 0o600, flag: "wx" });
      return true;
    } finally {
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    throw new StoreError(
      "unreadable",
      `The data folder ${dir} cannot be written (${code}). The server keeps its records there: make it writable (permissions, a read-only mount, a full disk) or point AUP_DATA_DIR elsewhere, then start again.`,
    );
  }
}

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StoreError(
      "unreadable",
      `The lock file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}). Check its permissions, then start again.`,
    );
  }
}

/** Whether the lock `text` in `file` names a live server of `dir` (refuse) or nobody (stale). */
function judge(text: string, file: string, dir: string): Verdict {
  const legacy = LEGACY_LOCK.exec(text)?.[1];
  if (legacy) return judgeLegacy(Number(legacy), file, dir);
  const lock = parseLock(text);
  if (!lock) return judgeUnknown(text, file, dir);
  const who = `process ${lock.pid}, lock taken ${lock.since}`;
  if (lock.host !== hostname())
    return {
      refuse: `The data folder ${dir} is locked by an aup-course server on another host, ${lock.host} (${who}): the folder is on storage shared with that host. Check whether a server runs there and stop it, or give this one its own folder with AUP_DATA_DIR. Only if no server on ${lock.host} uses the folder any more, delete ${file} and start again.`,
    };
  const boot = bootId();
  if (lock.bootId && boot && lock.bootId !== boot)
    return { stale: `${file} was left by a server (${who}) from before this machine last started.` };
  if (!isRunning(lock.pid)) return { stale: `${file} was left by a server (${who}) that no longer runs.` };
  const ticks = processStartTicks(lock.pid);
  if (lock.startTicks && ticks && lock.startTicks !== ticks)
    return {
      stale: `${file} names process ${lock.pid}, which runs but is not the server that took the lock on ${lock.since} (it started ${describeStart(lock.pid)}): the process id was reused.`,
    };
  const here = realpathSync(dir);
  if (lock.dir !== here)
    return {
      stale: `${file} was written by the server of another data folder, ${lock.dir} (${who}): this folder was copied or moved with its lock.`,
    };
  return {
    refuse: `Another aup-course server (process ${lock.pid}) is already using the data folder ${dir}: it took the lock ${file} on ${lock.since}. Stop it first (kill ${lock.pid}), or give this one its own folder with AUP_DATA_DIR.`,
  };
}

function parseLock(text: string): Lock | undefined {
  try {
    const result = LockSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** A lock from an earlier release: only the pid; a process that started after the lock was written is not its owner. */
function judgeLegacy(pid: number, file: string, dir: string): Verdict {
  const what = `${file} (an earlier release's lock, naming process ${pid})`;
  if (!isRunning(pid)) return { stale: `${what} was left by a server that no longer runs.` };
  if (pid === process.pid) return { stale: `${what} names this very process, so it was left by an earlier one.` };
  const started = processStartedAt(pid);
  // One second of slack: the start time is known to a tick, the file's time to the file system's grain.
  if (started && started.getTime() > writtenAt(file) + 1000)
    return {
      stale: `${what} names a process that started ${started.toISOString()}, after the lock was written: the process id was reused.`,
    };
  return {
    refuse: `Another aup-course server (process ${pid}) is already using the data folder ${dir}, going by its lock ${file}, which is in an earlier release's format (the process id alone). Stop it first, or give this one its own folder with AUP_DATA_DIR. If process ${pid} is not an aup-course server, delete ${file} and start again.`,
  };
}

/** A file that is no lock this version knows (garbage, empty, a future format). */
function judgeUnknown(text: string, file: string, dir: string): Verdict {
  const shown = text.trim() === "" ? "it is empty" : `it begins ${JSON.stringify(text.slice(0, 40))}`;
  const booted = bootTime();
  if (booted && writtenAt(file) < booted.getTime())
    return {
      stale: `${file} is not a lock this server can read (${shown}), and was written before this machine last started.`,
    };
  return {
    refuse: `The data folder ${dir} has a lock file, ${file}, that this server cannot read (${shown}). If no aup-course server is using the folder (check with ps), delete ${file} and start again.`,
  };
}

function writtenAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function describeStart(pid: number): string {
  return processStartedAt(pid)?.toISOString() ?? "later";
}

/**
 * Moves the stale lock out of the way, unless another server replaced it since it was read (two
 * servers starting together, both finding the same stale lock): the move is atomic, and what was
 * moved is checked before it is deleted; a lock that was not the stale one is put back.
 */
function setAside(file: string, stale: string): boolean {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const moved = readLock(aside);
  if (moved !== stale) {
    try {
      linkSync(aside, file);
    } catch {
      // a third lock is in place already: it holds the folder
    }
    rmSync(aside, { force: true });
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

function release(file: string, mine: string): void {
  try {
    if (readFileSync(file, "utf8") === mine) rmSync(file, { force: true });
  } catch {
    // gone already, or taken over after this process was judged gone: not ours to remove
  }
}
