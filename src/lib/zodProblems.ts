import type { z } from "zod";
import type { ContentProblem } from "./contentProblem.ts";

/** Turns zod issues into content problems that name the field, e.g. `contacts.incidents.email`. */
export function zodProblems(error: z.ZodError, file: string, prefix: readonly PropertyKey[] = []): ContentProblem[] {
  return error.issues.map((issue) => {
    // List positions read as "products item 2", counted from 1 as people count.
    const location = [...prefix, ...issue.path]
      .map((key) => (typeof key === "number" ? ` item ${key + 1}` : `.${String(key)}`))
      .join("")
      .replace(/^\./, "");
    return { file, location: location || "(top level)", message: issue.message };
  });
}
