import { EMAIL_MAX_LENGTH, hasControlCharacters, isWorkEmail } from "./fieldRules.ts";

/**
 * The acknowledgement form's fields and what makes each acceptable, in words for the learner. The
 * course checks the form with `acknowledgementProblems` and the server's schema
 * (src/schemas/acknowledgementBody.ts) holds the body to the same limits and the same email rule,
 * so that nothing the page lets through is refused on arrival. Dependency-free: it reaches the course page.
 */

/** The longest of each typed field, in characters (the schema's limits). */
export const TYPED_FIELD_MAX = { name: 120, employeeId: 64, email: EMAIL_MAX_LENGTH } as const;

/** The form's fields, by the ids of their inputs' suffix; `typedName` is asked only when the target knows who signs. */
export type AcknowledgementField = "name" | "email" | "employeeId" | "typedName";
export type AcknowledgementFields = Record<AcknowledgementField, string>;
export type FieldProblems = Partial<Record<AcknowledgementField, string>>;

const lineProblem = (value: string, max: number, empty: string): string | undefined => {
  const typed = value.trim();
  if (!typed) return empty;
  if (typed.length > max) return `This is ${typed.length} characters long; shorten it to ${max} at most.`;
  if (hasControlCharacters(typed)) return "This holds a tab or a line break: retype it on one line.";
  return undefined;
};

/** What the learner must fix before signing, by field. `asksIdentity`: the learner types who they are (form identity). */
export function acknowledgementProblems(fields: AcknowledgementFields, asksIdentity: boolean): FieldProblems {
  const problems: FieldProblems = {};
  if (asksIdentity) {
    problems.name = lineProblem(fields.name, TYPED_FIELD_MAX.name, "Write your full name: it is your signature.");
    const email = fields.email.trim();
    problems.email = !email
      ? "Write your work email address, e.g. ada@yourcompany.com."
      : !isWorkEmail(email)
        ? `"${email}" is not a full email address: write it with its domain, e.g. ada@yourcompany.com.`
        : undefined;
    problems.employeeId = lineProblem(
      fields.employeeId,
      TYPED_FIELD_MAX.employeeId,
      "Write your employee ID, as HR has it (on your payslip or badge).",
    );
  } else {
    problems.typedName =
      fields.typedName.trim().length < 2
        ? "Type your full name to sign."
        : lineProblem(fields.typedName, TYPED_FIELD_MAX.name, "");
  }
  for (const key of Object.keys(problems) as AcknowledgementField[]) if (!problems[key]) delete problems[key];
  return problems;
}

/**
 * The form field a server problem belongs to ("learner.email" is the email field), so that the page
 * shows it there. With form identity the full name is the signature, so the signature's problems are the name's.
 */
export function formFieldOf(serverField: string, asksIdentity: boolean): AcknowledgementField | undefined {
  const field = serverField.replace(/^learner\./, "");
  if (field === "typedName") return asksIdentity ? "name" : "typedName";
  return field === "name" || field === "email" || field === "employeeId" ? field : undefined;
}
