import { z } from "zod";
import type { AcknowledgementBody } from "../schemas/acknowledgementBody.ts";
import { OUTCOMES } from "../schemas/scenario.ts";

/**
 * One acknowledgement as stored in the journal: the evidence HR relies on. Every line read back is
 * parsed with this schema. It is strict and has no defaults or transforms: a record is refused,
 * never reshaped, since its hash covers exactly the fields it was written with.
 */
export const RecordSchema = z.strictObject({
  /** Position in the journal, from 1. */
  seq: z.int().positive(),
  id: z.string(),
  learner: z.strictObject({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    department: z.string().optional(),
    /** True when the learner typed who they are (form identity) rather than single sign-on vouching for it. */
    selfAsserted: z.boolean(),
  }),
  policy: z.strictObject({ version: z.string(), hash: z.string() }),
  /** The result as the acknowledgement body carries it, with the attempt's id (see ResultFollowsBody). */
  result: z.strictObject({
    mode: z.enum(["onboarding", "refresher"]),
    score: z.number(),
    passed: z.boolean(),
    attempt: z.int(),
    attemptId: z.string(),
    scenarios: z.array(
      z.strictObject({
        id: z.string(),
        score: z.number(),
        outcomes: z.array(z.strictObject({ clause: z.string(), outcome: z.enum(OUTCOMES) })),
      }),
    ),
  }),
  /** The full name the learner typed as a signature. */
  signature: z.string(),
  /** Server time the record was made durable, ISO 8601. */
  recordedAt: z.iso.datetime(),
  source: z.enum(["site", "lms"]),
  /** Hash of the previous record ("0" × 64 for the first), and this record's hash over it and its content. */
  prevHash: z.string(),
  hash: z.string(),
});

export type AcknowledgementRecord = z.output<typeof RecordSchema>;

/**
 * The acknowledgement body's schema is the one definition of a result: a stored result is the body's
 * result plus the attempt's id, and this type fails to compile when one of them changes without the
 * other. (The record schema checks shape only, not the body's rules: it runs on every line read back,
 * and a record keeps what the body accepted when it was written.)
 */
export type ResultFollowsBody = Same<
  AcknowledgementRecord["result"],
  AcknowledgementBody["result"] & { attemptId: string }
>;
const resultFollowsBody: ResultFollowsBody = true;
void resultFollowsBody;

/** Whether A and B hold the same fields, nested ones and optional ones included. */
type Same<A, B> = Mutual<A, B> extends true ? Mutual<Filled<A>, Filled<B>> : false;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every field required, at every depth: a field only one side has, even an optional one, then shows. */
type Filled<T> = T extends readonly (infer Item)[]
  ? Filled<Item>[]
  : T extends object
    ? { [K in keyof T]-?: Filled<T[K]> }
    : T;

/** What a caller supplies; the journal adds the position, id, time and chain. */
export type NewAcknowledgement = Omit<AcknowledgementRecord, "seq" | "id" | "recordedAt" | "prevHash" | "hash">;

export const GENESIS_HASH = "0".repeat(64);
