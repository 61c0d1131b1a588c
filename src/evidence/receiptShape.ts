// The shape of a receipt's payload, checked by hand rather than with zod: this runs in the /verify
// page, where zod would be most of the bytes it ships. Every problem names the field and says what
// it should be.
import { fromBase64 } from "./base64.ts";
import { RECEIPT_VERSION, type ReceiptPayload } from "./receiptFormat.ts";

/** What is wrong with a value ("is …", "has …"), or undefined when it fits. */
type Check = (value: unknown) => string | undefined;
/** A problem and where it is: the path of fields down to it. */
interface Problem {
  path: string[];
  text: string;
}
type FieldRule = Check | { optional: Check } | { object: Shape };
interface Shape {
  [field: string]: FieldRule;
}

/** A value as a message shows it: short, and what it is. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : typeof value;
}

const text: Check = (value) => (typeof value === "string" ? undefined : `is ${describe(value)}, not text`);
const boolean: Check = (value) => (typeof value === "boolean" ? undefined : `is ${describe(value)}, not true or false`);
const wholeNumber =
  (min: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min
      ? undefined
      : `is ${describe(value)}, not a whole number of at least ${min}`;
const fraction: Check = (value) =>
  typeof value === "number" && value >= 0 && value <= 1 ? undefined : `is ${describe(value)}, not a number from 0 to 1`;
const sha256Hex: Check = (value) =>
  typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? undefined : `is ${describe(value)}, not a SHA-256 in hex`;
const singleLine: Check = (value) =>
  typeof value !== "string" ? text(value) : /[\r\n]/.test(value) ? "holds more than one line" : undefined;
const hashList: Check = (value) => {
  if (!Array.isArray(value)) return `is ${describe(value)}, not a list of hashes`;
  // A tree of 2^63 leaves needs 63: more cannot be a proof.
  if (value.length > 63) return `holds ${value.length} hashes, more than any proof needs`;
  const bad = value.findIndex((hash) => typeof hash !== "string" || fromBase64(hash)?.length !== 32);
  return bad < 0 ? undefined : `has a hash (number ${bad + 1} of ${value.length}) that is not the base64 of 32 bytes`;
};
const object = (shape: Shape): { object: Shape } => ({ object: shape });

const SUMMARY: Shape = {
  id: text,
  seq: wholeNumber(1),
  learner: object({
    id: text,
    name: text,
    email: text,
    department: { optional: text },
    selfAsserted: { optional: boolean },
  }),
  policy: object({ version: text, hash: sha256Hex }),
  result: object({ mode: text, score: fraction, passed: boolean, attemptId: text }),
  recordedAt: text,
  hash: sha256Hex,
};

const PAYLOAD: Shape = {
  v: (value) =>
    value === RECEIPT_VERSION ? undefined : `is ${describe(value)}: this verifier reads version ${RECEIPT_VERSION}`,
  record: object(SUMMARY),
  line: singleLine,
  inclusion: object({ index: wholeNumber(0), size: wholeNumber(1), hashes: hashList }),
  checkpoint: text,
};

/** The first problem with `value` or, depth first, with one of its fields. */
function shapeProblem(shape: Shape, value: unknown, path: string[]): Problem | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { path, text: `is ${describe(value)}, not an object` };
  const fields = value as Record<string, unknown>;
  for (const [field, rule] of Object.entries(shape)) {
    const at = [...path, field];
    // A field set to undefined (never in JSON, but in a summary built from a line that lacks it) is missing too.
    if (!Object.hasOwn(fields, field) || fields[field] === undefined) {
      if ("optional" in rule) continue;
      return { path: at, text: "is missing" };
    }
    if ("object" in rule) {
      const problem = shapeProblem(rule.object, fields[field], at);
      if (problem) return problem;
      continue;
    }
    const text = (typeof rule === "function" ? rule : rule.optional)(fields[field]);
    if (text) return { path: at, text };
  }
  const extra = Object.keys(fields).find((field) => !Object.hasOwn(shape, field));
  return extra === undefined
    ? undefined
    : { path, text: `has a field ${JSON.stringify(extra)} that receipts do not have` };
}

/**
 * The first problem with a record's summary (named by its path, "learner.email is missing"), or
 * undefined: the signer holds what it signs to the shape every verifier checks.
 */
export function summaryProblem(summary: unknown): string | undefined {
  const problem = shapeProblem(SUMMARY, summary, []);
  return problem && `${problem.path.join(".") || "the record"} ${problem.text}`;
}

export type CheckedPayload = { ok: true; payload: ReceiptPayload } | { ok: false; problem: string };

/** The payload, when it is exactly the shape of a receipt; otherwise the first problem, in words. */
export function checkReceiptPayload(value: unknown): CheckedPayload {
  const problem = shapeProblem(PAYLOAD, value, []);
  if (problem) return { ok: false, problem: `${problem.path.join(".") || "the content"} ${problem.text}` };
  const payload = value as ReceiptPayload;
  if (payload.inclusion.index >= payload.inclusion.size)
    return {
      ok: false,
      problem: `inclusion.index is ${payload.inclusion.index}, outside a tree of ${payload.inclusion.size} records`,
    };
  return { ok: true, payload };
}
