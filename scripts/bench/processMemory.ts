import { readFileSync } from "node:fs";

export interface ProcessMemory {
  /** Resident memory now (VmRSS), in bytes. */
  residentBytes: number;
  /** The most it has been resident since it started (VmHWM, the high-water mark), in bytes. */
  peakBytes: number;
}

/** A running process's resident memory, from Linux's /proc/<pid>/status (the kernel's own count). */
export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field} line: memory can only be read on Linux.`);
    return Number(match[1]) * 1024;
  };
  return { residentBytes: kilobytes("VmRSS"), peakBytes: kilobytes("VmHWM") };
}
