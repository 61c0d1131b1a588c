import { z } from "zod";
import { TYPED_FIELD_MAX } from "../lib/acknowledgementFields.ts";
import { clauseId, text, workEmail } from "./fields.ts";
import { OUTCOMES } from "./scenario.ts";

/**
 * The longest of each bounded field, in characters, and the last attempt allowed: the schema below
 * holds the body to them, and the body limit is built from them (src/course/largestAcknowledgement.ts).
 */
export const ACKNOWLEDGEMENT_FIELD_MAX = {
  attemptId: 64,
  ...TYPED_FIELD_MAX,
  attempt: 1000,
  /** Clauses listed in `result.earlierMissed`, and the most misses of one. */
  earlierClauses: 100,
  earlierMisses: 999,
} as const;
const MAX = ACKNOWLEDGEMENT_FIELD_MAX;

/** One line of free text from a person: control characters corrupt exports. */
const line = (max: number, what: string) => text(what, { max, singleLine: true });

/**
 * The body of `POST /api/acknowledgements`, sent by the course when a learner acknowledges.
 * Documented in the README; unknown fields are refused so that typos are caught.
 */
export const AcknowledgementBodySchema = z.strictObject({
  /** Identifies one attempt at the course; sending it again returns the first record. */
  attemptId: z
    .string({ error: "must be the attempt id the course generated" })
    .regex(new RegExp(`^[a-z0-9]{8,${MAX.attemptId}}$`), {
      error: `must be 8 to ${MAX.attemptId} lower-case letters and digits`,
    }),
  /** Who acknowledges, as the learner typed it: required with form identity, ignored behind single sign-on. */
  learner: z
    .strictObject({
      name: line(MAX.name, "the learner's full name"),
      // The course's form checks the same rule (src/lib/acknowledgementFields.ts).
      email: workEmail("the learner's work email"),
      employeeId: line(MAX.employeeId, "the learner's employee id"),
    })
    .optional(),
  /** The full name typed as a signature; must match learner.name. */
  typedName: line(MAX.name, "the full name typed as a signature"),
  policy: z.strictObject({
    version: line(32, "the policy version shown to the learner"),
    hash: z
      .string({ error: "must be the policy's SHA-256" })
      .regex(/^[0-9a-f]{64}$/, { error: "must be 64 hexadecimal characters" }),
  }),
  result: z.strictObject({
    mode: z.enum(["onboarding", "refresher", "update"], { error: "must be onboarding, refresher or update" }),
    /** An update's versions: the one the learner acknowledged last, and the one they acknowledge now. */
    from: z.optional(line(32, "the version the update starts from")),
    to: z.optional(line(32, "the version the update brings the learner to")),
    score: z.number({ error: "must be a number from 0 to 1" }).min(0).max(1),
    passed: z.boolean({ error: "must be true or false" }),
    attempt: z.number({ error: "must be a whole number" }).int().min(1).max(MAX.attempt),
    scenarios: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: "must be a scenario id" }),
          score: z.number().min(0).max(1),
          outcomes: z
            .array(
              z.strictObject({
                clause: clauseId,
                outcome: z.enum(OUTCOMES),
              }),
            )
            .max(20),
        }),
        { error: "must list the scenarios played" },
      )
      // Empty only for an update that changed nothing to quiz on (checkResult.ts holds the others to one).
      .max(150),
    /**
     * What earlier attempts of this attempt id missed, by clause: a retry replays the missed
     * scenarios and `scenarios` keeps only their latest play. Absent on a first attempt (and in
     * records made before it existed).
     */
    earlierMissed: z
      .array(
        z.strictObject({
          clause: clauseId,
          count: z.number({ error: "must be a whole number" }).int().min(1).max(MAX.earlierMisses),
        }),
        { error: "must list the clauses earlier attempts missed, with how often" },
      )
      .max(MAX.earlierClauses)
      // Each miss is kept in the dashboard's index: a bound on them all bounds its memory per record.
      .refine((list) => list.reduce((sum, { count }) => sum + count, 0) <= MAX.earlierMisses, {
        error: `must hold at most ${MAX.earlierMisses} misses in all`,
      })
      .optional(),
  }),
});

/** What the course sends: every tracker's request (src/tracking/tracker.ts), imported as a type only. */
export type AcknowledgementRequest = z.input<typeof AcknowledgementBodySchema>;
/** What the server works with once the schema has checked and trimmed it. */
export type AcknowledgementBody = z.output<typeof AcknowledgementBodySchema>;
