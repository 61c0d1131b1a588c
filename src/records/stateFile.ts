import { z } from "zod";
import { EmployeeSchema, type Employee } from "../schemas/employee.ts";
import { AtomicJsonFile } from "./atomicJsonFile.ts";
import { dataFiles } from "./dataFiles.ts";

/** The mutable state kept beside the journal (`state.json`); the journal stays the only evidence. */
export const StateSchema = z.strictObject({ roster: z.array(EmployeeSchema) });

export type State = z.output<typeof StateSchema>;

const IF_DAMAGED =
  "It was left untouched: correct it, restore it from a backup, or move it aside (the server then starts with an empty roster: import the roster again), then start again.";

/** The state file of a data folder, read through its schema and written atomically. */
export function stateFile(file: string): AtomicJsonFile<State> {
  return new AtomicJsonFile(file, StateSchema, "the saved roster", IF_DAMAGED);
}

/**
 * The roster saved in the data folder `dir`, read without taking the server's lock, for tools that
 * only read (`npm run export` while the server runs). The server replaces the file by renaming a
 * complete new one over it, so a reader sees the old roster or the new one, never half of either.
 */
export async function readRoster(dir: string): Promise<readonly Employee[]> {
  return (await stateFile(dataFiles(dir).state).read())?.roster ?? [];
}
