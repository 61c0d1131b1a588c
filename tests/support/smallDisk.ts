import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SmallDisk {
  dir: string;
  /** Unmounts and removes it. */
  remove(): void;
}

/** A real, tiny filesystem (tmpfs), so that "disk full" is the kernel's ENOSPC. Needs root, as CI has. */
export function smallDisk(kilobytes: number): SmallDisk {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", dir]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `The disk-full tests mount a small tmpfs and need root (CI runs as root): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return {
    dir,
    remove: () => {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk until only about `leave` bytes are free; returns the filler file. */
export function fill(dir: string, leave: number): string {
  const file = path.join(dir, "filler.bin");
  const { bavail, bsize } = statfsSync(dir);
  writeFileSync(file, Buffer.alloc(Math.max(0, bavail * bsize - leave)));
  return file;
}
