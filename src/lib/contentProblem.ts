import { countOf } from "./plural.ts";

/**
 * A problem found in a content file (organisation settings, policy, scenarios).
 * The message says what is wrong and what to write instead, so the policy owner can fix it
 * without reading code.
 */
export interface ContentProblem {
  /** Path of the file, relative to the project root where possible. */
  file: string;
  /** Where in the file: a field path (`contacts.incidents.email`), a line (`line 12`) or a node. */
  location?: string;
  /** What is wrong and how to fix it, as one or two sentences. */
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.location ? ` ${problem.location}` : "";
  return `${problem.file}:${where} ${problem.message}`;
}

/** Thrown when content cannot be used; carries every problem found, not just the first. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(
      `Content has ${countOf(problems.length, "problem")}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}
