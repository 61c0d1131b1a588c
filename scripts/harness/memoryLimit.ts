import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A Linux memory control group that the servers a bench starts run in: the limit a container
 * gives its process. Node sizes its heap from it (`process.constrainedMemory()`), as it would in the
 * container, so the memory measured is what an operator with that limit sees, not a heap that V8,
 * seeing the whole machine, lets fill with garbage before it collects.
 */
export interface MemoryLimit {
  bytes: number;
  /** Write a process id here to move that process into the group (its children follow it). */
  procsFile: string;
  remove(): void;
}

const V2 = "/sys/fs/cgroup";
const V1 = "/sys/fs/cgroup/memory";

/** Creates the group, or throws saying why it cannot (not root, no cgroup memory controller). */
export function memoryLimit(bytes: number): MemoryLimit {
  const v2 = existsSync(path.join(V2, "cgroup.controllers"));
  const root = v2 ? V2 : V1;
  if (v2 && !readFileSync(path.join(V2, "cgroup.controllers"), "utf8").split(/\s+/).includes("memory"))
    throw new Error(`${V2} has no memory controller: run the bench on a Linux host or container that delegates it.`);
  if (!v2 && !existsSync(path.join(V1, "memory.limit_in_bytes")))
    throw new Error(
      `neither ${V2}/cgroup.controllers (cgroup v2) nor ${V1} (v1) exists: memory limits need Linux cgroups.`,
    );
  const dir = path.join(root, `aup-bench-${process.pid}`);
  try {
    mkdirSync(dir);
    writeFileSync(path.join(dir, v2 ? "memory.max" : "memory.limit_in_bytes"), String(bytes));
  } catch (error) {
    throw new Error(`cannot create the memory group ${dir} (${(error as Error).message}): run the bench as root.`, {
      cause: error,
    });
  }
  return {
    bytes,
    procsFile: path.join(dir, "cgroup.procs"),
    // A group can be removed once its processes have ended.
    remove: () => rmdirSync(dir),
  };
}
