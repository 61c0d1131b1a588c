import { TYPED_FIELD_MAX } from "../lib/acknowledgementFields.ts";

/**
 * The records server's refusals in the words of the learner who reads them. The course shows an
 * answer's `error` as it is whenever no field of its form carries the problem, so `error` says what
 * to do; the paths and rules a developer needs go in the answer's `fields`.
 */

interface FieldProblem {
  field: string;
  message: string;
}

/** A repeated attempt id with another learner or result (the handler's and the update check's). */
export const ATTEMPT_USED =
  "This attempt at the course was already signed, by someone else or with another result. Reload the page to start a new attempt, then sign again.";

/** Said when the course sent what no learner typed: nothing they can correct on the page. */
export const RELOAD =
  "The course sent something the records server cannot read. Reload the page and press the button again: your answers are kept. If it happens again, tell the people who run this site.";

/** What the learner can correct, for each typed field the body's schema refused. */
const TYPED_FIELD_ADVICE: Record<string, string> = {
  "learner.name": `Check your full name: type it on one line, in at most ${TYPED_FIELD_MAX.name} characters.`,
  "learner.email": "Check your email address: it needs a name, an @ and a domain, like ada@example.com.",
  "learner.employeeId": `Check your employee ID: type it on one line, as HR has it, in at most ${TYPED_FIELD_MAX.employeeId} characters.`,
  // The same words as the name's: with form identity the full name is the signature, typed once.
  typedName: `Check your full name: type it on one line, in at most ${TYPED_FIELD_MAX.name} characters.`,
};

/** The learner's words for a body the schema refused: what to correct, field by field, or to reload. */
export function invalidBodyMessage(fields: readonly FieldProblem[]): string {
  const advice = [...new Set(fields.map((f) => TYPED_FIELD_ADVICE[f.field] ?? RELOAD))];
  // The reload, when needed, comes last: what the learner can correct on the page first.
  return advice.sort((a, b) => Number(a === RELOAD) - Number(b === RELOAD)).join(" ");
}
