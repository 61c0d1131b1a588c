import { z } from "zod";

/**
 * An object schema that refuses unknown keys (almost always typos) and says which keys exist.
 * `whenMissing` completes "is missing. …" for a group that is left out.
 */
export function strictGroup<Shape extends z.ZodRawShape>(shape: Shape, whenMissing: string) {
  const fields = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}. Check the spelling; the fields are: ${fields}.`
        : issue.input === undefined
          ? `is missing. ${whenMissing}`
          : `must be a group of fields (${fields}).`,
  });
}
