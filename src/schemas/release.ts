import { z } from "zod";
import { calendarDate, clauseId, text } from "./fields.ts";

/**
 * A published policy version (`content/releases/<version>.json`), written by `npm run release`.
 * It holds the binding text itself, not only its hash, so that any two releases can be compared
 * clause by clause long after the policy files have moved on, and so that the stored text can be
 * checked against the stored hash.
 */

const ReleasedClauseSchema = z.strictObject({
  id: clauseId,
  title: text("the clause's title"),
  /** Plain text, organisation values filled in: what the hash covers. */
  text: text("the clause's text"),
});

const ReleasedSectionSchema = z.strictObject({
  kind: z.enum(["section", "addendum"]),
  number: text("the section number or the addendum's prefix"),
  title: text("the section's title"),
  clauses: z.array(ReleasedClauseSchema).min(1),
});

/** What a later update course needs to pick scenarios: which clauses each cites, and whether its text changed. */
const ReleasedScenarioSchema = z.strictObject({
  id: text("the scenario id"),
  clauses: z.array(clauseId),
  /** SHA-256 of the scenario file as parsed (canonical JSON). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const RELEASE_KINDS = ["minor", "material"] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

const ReviewSchema = z.strictObject({
  date: calendarDate("the day of the review, YYYY-MM-DD"),
  note: text("what the review found"),
});

export const ReleaseSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, { error: 'must look like "1.0" or "1.2.0".' }),
  /** The day the release was recorded. */
  date: calendarDate("the day the release was recorded, YYYY-MM-DD"),
  effectiveDate: calendarDate("the day this version takes effect, YYYY-MM-DD"),
  /** `minor`: wording only, nobody acknowledges again; `material`: everyone acknowledges the change. */
  change: z.enum(RELEASE_KINDS, { error: "must be minor or material." }),
  note: text("what changed and why"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, { error: "must be the policy's SHA-256, 64 hex characters." }),
  sections: z.array(ReleasedSectionSchema).min(1),
  scenarios: z.array(ReleasedScenarioSchema),
  /** Every review of this version, the release itself first: a review that changed nothing adds one here. */
  reviews: z.array(ReviewSchema).min(1),
});

export type Release = z.output<typeof ReleaseSchema>;
export type ReleasedSection = Release["sections"][number];
export type ReleasedClause = ReleasedSection["clauses"][number];
