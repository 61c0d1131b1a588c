import type { z } from "zod";
import type { ContentProblem } from "./contentProblem.ts";

/** Turns zod issues into content problems that name the field, e.g. `contacts.incidents.email`. */
export function zodProblems(error: z.ZodError, file: string, prefix: readonly PropertyKey[] = []): ContentProblem[] {
  return error.issues.map((issue) => {
    const location = [...prefix, ...issue.path].map(String).join(".");
    return { file, location: location || "(top level)", message: issue.message };
  });
}
