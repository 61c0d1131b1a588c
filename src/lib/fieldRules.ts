/**
 * The rules for the fields people write, in one place. The zod field builders (src/schemas/fields.ts)
 * wrap them for the settings, the API and the roster import; the course's forms use them directly,
 * so that what the browser lets through is exactly what the server accepts. Dependency-free: this
 * module reaches the course page, which has a size budget.
 */

/** A clause id as the policy numbers it: "3.4", or an addendum's "FIN.2" (its prefix captured). */
export const CLAUSE_ID = /^(?:\d+|([A-Z]{2,4}))\.\d+$/;

/** An addendum's clause prefix, as its frontmatter gives it: the FIN of FIN.2, by the clause id rule. */
export function isClausePrefix(value: string): boolean {
  return CLAUSE_ID.exec(`${value}.1`)?.[1] === value;
}

/**
 * An email address, by the rule browsers apply to `<input type="email">` (WHATWG): the characters a
 * local part may hold, an @, and a domain of letters, digits and hyphens in one or more labels (a
 * single-sign-on directory may hand out addresses on an internal domain without a dot). Whether the
 * mailbox exists is for mail to find out.
 */
export const EMAIL =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/i;
export const EMAIL_MAX_LENGTH = 254;

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}

/**
 * An email address a person types for themselves (the acknowledgement form, the refresher's
 * identity step): the rule above with a dot in the domain, because a typed "ada@kestrel" is far more
 * often an address cut short than a real one, and the record would keep it. Addresses a directory
 * hands over (single sign-on) keep the rule above.
 */
export function isWorkEmail(value: string): boolean {
  return isEmail(value) && value.slice(value.lastIndexOf("@")).includes(".");
}

/** A real calendar date written YYYY-MM-DD: 2026-02-30 and 2026-13-01 are not. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** Control characters (tab and line breaks included): they corrupt exports and one-line displays. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const hasControlCharacters = (value: string): boolean => /[\u0000-\u001f\u007f]/.test(value);
