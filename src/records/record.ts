import { z } from "zod";
import { AcknowledgementBodySchema } from "../schemas/acknowledgementBody.ts";
import { shapeOf } from "./shapeOf.ts";

/**
 * What a record keeps of the acknowledgement body (the policy, and the result with the attempt's id)
 * is defined once, by the body's schema; read back, only its shape is checked (shapeOf says why).
 */
const { policy, result, attemptId } = AcknowledgementBodySchema.shape;

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
    /** The OpenID provider's subject (`sub`) when the learner signed in with it; absent in older records and other modes. */
    subject: z.string().optional(),
  }),
  policy: shapeOf(policy),
  /** The result as the acknowledgement body carries it, with the attempt's id. */
  result: shapeOf(result.extend({ attemptId })),
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

/** What a caller supplies; the journal adds the position, id, time and chain. */
export type NewAcknowledgement = Omit<AcknowledgementRecord, "seq" | "id" | "recordedAt" | "prevHash" | "hash">;

export const GENESIS_HASH = "0".repeat(64);

/** A record's id: "ack-" and its position in the journal, so that a receipt link finds it directly. */
export const recordId = (seq: number): string => `ack-${String(seq).padStart(6, "0")}`;
