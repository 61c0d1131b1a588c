import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";
import { StoreError } from "./storeError.ts";

/**
 * A lowdb adapter that never leaves a half-written file: it writes a temporary file, syncs it,
 * renames it over the old one and syncs the folder. It creates the folder, and refuses (rather
 * than overwrites) a file it cannot parse.
 */
export class AtomicJsonFile<Data> implements Adapter<Data> {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async read(): Promise<Data | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new StoreError(
        "unreadable",
        `${this.file} cannot be read (${(error as NodeJS.ErrnoException).code}). Check its permissions, then start again.`,
      );
    }
    try {
      return JSON.parse(text) as Data;
    } catch (error) {
      throw new StoreError(
        "unreadable",
        `${this.file} is not valid JSON (${(error as Error).message}). It was left untouched: restore it from a backup or move it aside (the server then starts with an empty roster), then start again.`,
      );
    }
  }

  async write(data: Data): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      const handle = await open(temporary, "w");
      try {
        await handle.writeFile(JSON.stringify(data, null, 2));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
      const folder = await open(dir, "r");
      await folder.sync().finally(() => folder.close());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreError(
        "write-failed",
        `${this.file} could not be saved (${code}); the previous version is intact. Free disk space or fix permissions, then try again.`,
      );
    }
  }
}
