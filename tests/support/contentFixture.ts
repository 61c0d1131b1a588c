import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway copy of the shipped content folder, removed after the test. */
export function copyContent(): string {
  return copyFolder("content");
}

/** A throwaway copy of one of the project's folders, removed after the test. */
export function copyFolder(folder: string): string {
  const dir = emptyFolder(path.basename(folder));
  cpSync(folder, dir, { recursive: true });
  return dir;
}

/** A throwaway empty folder, removed after the test. */
export function emptyFolder(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `aup-${name}-`));
  created.push(dir);
  return dir;
}

/** Rewrites one file of a content copy. */
export function editFile(dir: string, file: string, change: (text: string) => string): void {
  const target = path.join(dir, file);
  const before = readFileSync(target, "utf8");
  const after = change(before);
  if (after === before)
    throw new Error(`The edit of ${file} changed nothing: the test's pattern no longer matches the content.`);
  writeFileSync(target, after);
}
