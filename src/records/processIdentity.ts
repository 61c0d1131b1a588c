import { readFileSync } from "node:fs";

/**
 * Which process a process id names, as far as this machine tells: a pid alone is reused (after a
 * restart a container's server is pid 1 again), so a lock also records the process's start time
 * and the machine's boot id, which together name one process. Read from Linux's /proc; elsewhere
 * they are undefined and only the pid is compared.
 */

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * When the process started, in clock ticks since the machine booted (field 22 of /proc/<pid>/stat),
 * as written there: exact, so that two reads of one process compare equal.
 */
export function processStartTicks(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) is in parentheses and may hold spaces: count from after the last ")".
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields?.[22 - 3];
}

/** The id of this boot of the machine: a process from before the last boot is gone. */
export function bootId(): string | undefined {
  return readProc("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

/** When the machine booted (btime in /proc/stat). */
export function bootTime(): Date | undefined {
  const btime = /^btime (\d+)$/m.exec(readProc("/proc/stat") ?? "")?.[1];
  return btime ? new Date(Number(btime) * 1000) : undefined;
}

/**
 * When the process started, to the second or so: boot time plus its start ticks. Linux reports
 * ticks to user space at 100 a second (USER_HZ) on every architecture it runs on.
 */
export function processStartedAt(pid: number): Date | undefined {
  const ticks = processStartTicks(pid);
  const booted = bootTime();
  return ticks && booted ? new Date(booted.getTime() + Number(ticks) * 10) : undefined;
}

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
