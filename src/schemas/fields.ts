import { z } from "zod";
import {
  CLAUSE_ID,
  EMAIL_MAX_LENGTH,
  hasControlCharacters,
  isCalendarDate,
  isEmail,
  isWorkEmail,
} from "../lib/fieldRules.ts";

/**
 * Field builders shared by every schema: the organisation settings, policy and scenario files, the
 * acknowledgement body and the roster import. Each message completes "<field> …" and says what to
 * write (`fix` completes "Write …"), because the reader may be a policy owner, HR or a developer.
 */

export interface TextOptions {
  /** Longest accepted, in characters. */
  max?: number;
  /** One line of text (names, ids, emails): control characters, tabs and line breaks are refused. */
  singleLine?: boolean;
}

/** Text someone must write: trimmed, not empty, bounded. */
export function text(fix: string, { max, singleLine = false }: TextOptions = {}) {
  let schema = z
    .string({ error: (issue) => `${issue.input == null ? "is missing" : "must be text"}. Write ${fix}.` })
    .trim()
    .min(1, { error: `is empty. Write ${fix}.` });
  if (max !== undefined) schema = schema.max(max, { error: `is longer than ${max} characters. Shorten it.` });
  return singleLine
    ? schema.refine((value) => !hasControlCharacters(value), {
        error: "contains control characters (a tab or line break, say). Retype it on one line.",
      })
    : schema;
}

/** An email address (the rule in src/lib/fieldRules.ts). */
export function email(fix: string) {
  return text(fix, { max: EMAIL_MAX_LENGTH, singleLine: true }).refine(isEmail, {
    error: (issue) => `is not an email address (${JSON.stringify(issue.input)}). Write ${fix}.`,
  });
}

/** An email address a person typed for themselves, with a full domain (isWorkEmail): the course's forms use the same rule. */
export function workEmail(fix: string) {
  return text(fix, { max: EMAIL_MAX_LENGTH, singleLine: true }).refine(isWorkEmail, {
    error: (issue) => `is not a full email address (${JSON.stringify(issue.input)}). Write ${fix}.`,
  });
}

/** A real calendar date written YYYY-MM-DD. */
export function calendarDate(fix: string) {
  return text(fix, { singleLine: true }).refine(isCalendarDate, {
    error: (issue) =>
      /^\d{4}-\d{2}-\d{2}$/.test(String(issue.input))
        ? `${String(issue.input)} is not a real date (${whyNotReal(String(issue.input))}). Write ${fix}.`
        : `is not a date in the form YYYY-MM-DD (${JSON.stringify(issue.input)}). Write ${fix}.`,
  });
}

/** What is wrong with a YYYY-MM-DD that is not in the calendar: the month, or the day for that month. */
function whyNotReal(value: string): string {
  const [year = 0, month = 0, day = 0] = value.split("-").map(Number);
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const day0 = new Date(0);
  day0.setUTCFullYear(year, month, 0); // day 0 of the next month: the last of this one (years before 100 too)
  const days = day0.getUTCDate();
  const monthName = day0.toLocaleString("en", { month: "long", timeZone: "UTC" });
  return day < 1 ? "there is no day 0" : `${monthName} ${year} has ${days} days`;
}

/** A clause id as written in the policy: "3.4", "FIN.2". YAML reads 3.4 unquoted as a number. */
export const clauseId = z
  .string({
    error: (issue) =>
      typeof issue.input === "number"
        ? `is the number ${issue.input}, not a clause id. Quote it: "${issue.input}".`
        : 'must be a clause id such as "3.4" or "FIN.2".',
  })
  .regex(CLAUSE_ID, { error: 'must be a clause id such as "3.4" or "FIN.2".' });

/** The first problem of a failed parse as "<message>", for one-value checks (a roster cell). */
export function firstProblem(result: z.ZodSafeParseResult<unknown>): string | undefined {
  return result.success ? undefined : result.error.issues[0]?.message;
}
