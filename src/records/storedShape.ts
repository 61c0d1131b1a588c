import type { z } from "zod";

/**
 * Checks a value read back from a data file against its schema, and says what is wrong in words for
 * the person who has to fix the file: each problem names its field as the file spells it
 * (`roster.3.email`, positions from 0 as in the JSON), e.g. "roster.3.email is missing".
 */
export function checkStoredShape<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): { ok: true; data: z.output<Schema> } | { ok: false; problems: string } {
  const checked = schema.safeParse(value, { error: storedIssue });
  if (checked.success) return { ok: true, data: checked.data };
  const issues = checked.error.issues;
  const shown = issues.slice(0, MAX_SHOWN).map((issue) => `${fieldPath(issue.path)} ${issue.message}`);
  const more = issues.length > MAX_SHOWN ? `; and ${issues.length - MAX_SHOWN} more` : "";
  return { ok: false, problems: shown.join("; ") + more };
}

const MAX_SHOWN = 5;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "the top level";
}

const EXPECTED: Record<string, string> = {
  object: "an object",
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/** zod's issues, reworded; issues without a wording here keep zod's own. */
function storedIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? "is missing"
        : `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${found(issue.input)}`;
    case "unrecognized_keys":
      return `has ${issue.keys.length === 1 ? "a field" : "fields"} this version does not know: ${issue.keys.join(", ")}`;
    case "invalid_format":
      return issue.format === "datetime"
        ? `must be a time in ISO 8601 (e.g. 2026-01-31T09:00:00.000Z), not ${found(issue.input)}`
        : `must be in the ${issue.format} format, not ${found(issue.input)}`;
    case "invalid_value":
      // A missing field of a fixed set of values (an enum) is reported as a wrong value, of undefined.
      if (issue.input === undefined) return "is missing";
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${found(issue.input)}`;
    default:
      return undefined;
  }
}

function found(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
