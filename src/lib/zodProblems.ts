import type { z } from "zod";
import type { ContentProblem } from "./contentProblem.ts";

/**
 * Turns zod issues into content problems that name the field, e.g. `contacts.incidents.email`;
 * list positions read as `products item 2`, counted from 1 as people count.
 */
export function zodProblems(error: z.ZodError, file: string): ContentProblem[] {
  return error.issues.map((issue) => {
    const location = issue.path
      .map((key) => (typeof key === "number" ? ` item ${key + 1}` : `.${String(key)}`))
      .join("")
      .replace(/^\./, "");
    return { file, location: location || "(top level)", message: issue.message };
  });
}
