import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Size of each SCORM zip in the folder. */
export function packageSizes(dir: string): { name: string; bytes: number }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".zip"))
    .sort()
    .map((name) => ({ name, bytes: statSync(path.join(dir, name)).size }));
}
