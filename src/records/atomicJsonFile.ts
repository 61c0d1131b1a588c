import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Adapter } from "lowdb";
import type { z } from "zod";
import { readFailure } from "./readFailure.ts";
import { replaceFile } from "./replaceFile.ts";
import { StoreError } from "./storeError.ts";
import { checkStoredShape } from "./storedShape.ts";

/**
 * A lowdb adapter that never leaves a half-written file: it writes a temporary file, syncs it,
 * renames it over the old one and syncs the folder. It creates the folder. What it reads back is
 * parsed with `schema`, and a file that is not valid JSON or not of that shape is refused (never
 * overwritten): the message names the file, the field and what to do (`ifDamaged`).
 */
export class AtomicJsonFile<Data> implements Adapter<Data> {
  readonly file: string;
  private readonly schema: z.ZodType<Data>;
  /** What the file holds, for messages ("the saved roster"). */
  private readonly holds: string;
  private readonly ifDamaged: string;

  constructor(file: string, schema: z.ZodType<Data>, holds: string, ifDamaged: string) {
    this.file = file;
    this.schema = schema;
    this.holds = holds;
    this.ifDamaged = ifDamaged;
  }

  async read(): Promise<Data | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw readFailure(this.file, error);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StoreError(
        "damaged",
        `${this.file} is not valid JSON (${(error as Error).message}). ${this.ifDamaged}`,
      );
    }
    const checked = checkStoredShape(this.schema, value);
    if (!checked.ok)
      throw new StoreError(
        "damaged",
        `${this.file} does not hold ${this.holds} in the shape this version saves: ${checked.problems}. ${this.ifDamaged}`,
      );
    return checked.data;
  }

  async write(data: Data): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      await replaceFile(this.file, (handle) => handle.writeFile(JSON.stringify(data, null, 2)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreError(
        "write-failed",
        `${this.file} could not be saved (${code}); the previous version is intact. Free disk space or fix permissions, then try again.`,
      );
    }
  }
}
