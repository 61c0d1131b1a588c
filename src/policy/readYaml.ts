import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { displayPath } from "./paths.ts";

/** Parses YAML text, reporting syntax errors with their line instead of throwing. */
export function parseYaml(text: string, file: string): { data: unknown; problems: ContentProblem[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  const problems = doc.errors.map((error) => ({
    file: displayPath(file),
    location: `line ${error.linePos?.[0]?.line ?? "?"}`,
    message: `is not valid YAML (${error.message.split("\n")[0]}). Check the indentation, the colon after each key, and quote values that contain a colon or start with [ or {.`,
  }));
  return { data: problems.length ? undefined : doc.toJS(), problems };
}

/** Reads and parses a YAML file; a missing file is a problem, not a crash. */
export function readYaml(file: string): { data: unknown; problems: ContentProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${String(error)})`;
    return { data: undefined, problems: [{ file: displayPath(file), message: `${reason}. Create it from the example shipped with aup-course.` }] };
  }
  return parseYaml(text, file);
}
