import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { displayPath } from "./paths.ts";

/**
 * Parses YAML text, reporting syntax errors with their line instead of throwing.
 * `firstLine` is the file line the text starts on (frontmatter starts on line 2).
 */
export function parseYaml(text: string, file: string, firstLine = 1): { data: unknown; problems: ContentProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  const problems = doc.errors.map((error) => ({
    file: displayPath(file),
    location: `line ${(error.linePos?.[0]?.line ?? 1) + firstLine - 1}`,
    message: `is not valid YAML (${error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")}). Check the indentation, the colon after each key, and quote values that contain a colon or start with [ or {.`,
  }));
  return { data: problems.length ? undefined : doc.toJS(), problems };
}

/** Reads and parses a YAML file; a missing file is a problem, not a crash. */
export function readYaml(file: string): { data: unknown; problems: ContentProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${String(error)})`;
    return {
      data: undefined,
      problems: [
        { file: displayPath(file), message: `${reason}. Create it from the example shipped with aup-course.` },
      ],
    };
  }
  return parseYaml(text, file);
}
