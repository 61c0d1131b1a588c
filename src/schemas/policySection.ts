import { z } from "zod";
import { isClausePrefix } from "../lib/fieldRules.ts";
import { GAP_PART_IDS } from "../lib/policyGaps.ts";
import { clauseId, text } from "./fields.ts";
import { ADDENDA } from "./organisation.ts";

const common = {
  /** Section heading, e.g. "Data handling". */
  title: text("the section's heading"),
  /** One sentence for the table of contents. */
  summary: text("one sentence that says what the section covers"),
  /** Why this section matters, shown beside it; not part of the binding text. */
  why: text(`two to four sentences on why this section matters`),
  /**
   * Clauses of this file that no scenario needs to teach, each with the reason: the build fails on any
   * other clause that is not the clause of a correct choice somewhere in the bank. Only sections 1 and 8
   * may list any (src/policy/loadPolicy.ts): the rules of sections 2 to 7 and of the addenda are refused.
   */
  untaught: z
    .record(clauseId, text("why no scenario teaches this clause, in one sentence"), {
      error: 'must map clause ids to reasons, e.g. "8.2": Who owns the policy asks nothing of the learner.',
    })
    .optional(),
  /** What some clauses are for, by clause id: read by the system-prompt summary and the gaps check. */
  clauses: z
    .record(
      z.string(),
      z.strictObject({
        /** A rule for the system-prompt summary of Claude deployments; needs `summary`. */
        critical: z.boolean({ error: "must be true or false." }).optional(),
        /** The rule in one line, second person ("Never enter …"), for the system-prompt summary. */
        summary: text('the clause\'s rule in one line, e.g. "Never enter passwords or API keys."', {
          max: 200,
        }).optional(),
        /** Which common gaps (src/lib/policyGaps.ts) this clause closes. */
        closes: z
          .array(z.enum(GAP_PART_IDS as [string, ...string[]], { error: `must be one of ${GAP_PART_IDS.join(", ")}.` }))
          .optional(),
      }),
      {
        error:
          'must be the notes of some clauses, by id, e.g. "3.1": { critical: true, summary: "Never enter …" }. Remove the line if there are none.',
      },
    )
    .optional(),
};

/** Frontmatter of a numbered policy section (`content/policy/03-data-handling.md`). */
export const SectionFrontmatterSchema = z.strictObject({
  /** Section number, 1 to 8; clause ids start with it. */
  section: z.number({ error: "must be the section number, a whole number from 1 to 8." }).int().min(1).max(8),
  ...common,
});

/** Frontmatter of an industry addendum (`content/policy/addenda/healthcare.md`). */
export const AddendumFrontmatterSchema = z.strictObject({
  /** Which addendum this is; switched on by `addenda` in organisation.yaml. */
  addendum: z.enum(ADDENDA, { error: `must be one of ${ADDENDA.join(", ")}.` }),
  /** Clause id prefix, e.g. FIN for clauses FIN.1, FIN.2. */
  prefix: z.string().refine(isClausePrefix, { error: "must be two to four capital letters, e.g. FIN." }),
  ...common,
});

export type SectionFrontmatter = z.output<typeof SectionFrontmatterSchema>;
export type AddendumFrontmatter = z.output<typeof AddendumFrontmatterSchema>;
