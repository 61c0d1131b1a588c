import { z } from "zod";
import { OUTCOMES } from "./scenario.ts";

/** Free text from a person: trimmed, bounded, and free of control characters (they corrupt exports). */
const text = (max: number, what: string) =>
  z
    .string({ error: `must be text: ${what}` })
    .trim()
    .min(1, { error: `is empty: ${what}` })
    .max(max, { error: `is longer than ${max} characters` })
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "contains control characters" });

/**
 * The body of `POST /api/acknowledgements`, sent by the course when a learner acknowledges.
 * Documented in the README; unknown fields are refused so that typos are caught.
 */
export const AcknowledgementBodySchema = z.strictObject({
  /** Identifies one attempt at the course; sending it again returns the first record. */
  attemptId: z
    .string({ error: "must be the attempt id the course generated" })
    .regex(/^[a-z0-9]{8,64}$/, { error: "must be 8 to 64 lower-case letters and digits" }),
  /** Who acknowledges, as the learner typed it: required with form identity, ignored behind single sign-on. */
  learner: z
    .strictObject({
      name: text(120, "the learner's full name"),
      email: z.email({ error: "must be an email address" }).max(254, { error: "is longer than 254 characters" }),
      employeeId: text(64, "the learner's employee id"),
    })
    .optional(),
  /** The full name typed as a signature; must match learner.name. */
  typedName: text(120, "the full name typed as a signature"),
  policy: z.strictObject({
    version: text(32, "the policy version shown to the learner"),
    hash: z
      .string({ error: "must be the policy's SHA-256" })
      .regex(/^[0-9a-f]{64}$/, { error: "must be 64 hexadecimal characters" }),
  }),
  result: z.strictObject({
    mode: z.enum(["onboarding", "refresher"], { error: "must be onboarding or refresher" }),
    score: z.number({ error: "must be a number from 0 to 1" }).min(0).max(1),
    passed: z.boolean({ error: "must be true or false" }),
    attempt: z.number({ error: "must be a whole number" }).int().min(1).max(1000),
    scenarios: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: "must be a scenario id" }),
          score: z.number().min(0).max(1),
          outcomes: z
            .array(
              z.strictObject({
                clause: z.string().regex(/^(?:\d+|[A-Z]{2,4})\.\d+$/, { error: "must be a clause id" }),
                outcome: z.enum(OUTCOMES),
              }),
            )
            .max(20),
        }),
        { error: "must list the scenarios played" },
      )
      .min(1, { error: "must list the scenarios played" })
      .max(150),
  }),
});

export type AcknowledgementBody = z.output<typeof AcknowledgementBodySchema>;
