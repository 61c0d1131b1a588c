import type { ContentProblem } from "../lib/contentProblem.ts";
import type { Policy } from "../policy/types.ts";

/** A system prompt is read on every turn: the summary stays short enough to be kept in full. */
export const SYSTEM_PROMPT_MAX_WORDS = 120;

export interface SystemPromptSummary {
  text: string;
  words: number;
  /** The clauses whose rules it carries, in policy order. */
  clauses: string[];
}

/**
 * The critical rules for the organisation's Claude deployments (Cowork, API), made from the clauses
 * marked `critical: true` and their one-line summaries, in the second person so that it speaks to
 * the model and to the user at once.
 */
export function systemPromptSummary(policy: Policy): SystemPromptSummary {
  const name = policy.organisation.organisation.name;
  const critical = policy.sections.flatMap((section) => section.clauses.filter((clause) => clause.critical));
  const lines = [
    `This Claude instance is for internal use at ${name} (Acceptable Use Policy ${policy.version}). You, user and Claude alike, follow these rules:`,
    ...critical.map((clause) => `- ${clause.summary ?? ""} (${clause.id})`),
  ];
  const text = lines.join("\n");
  return { text, words: countWords(text), clauses: critical.map((clause) => clause.id) };
}

/** Words as a reader counts them: a bullet or a clause number in brackets is not one. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}

/** Why the summary cannot be published: too long, or no rule to carry. */
export function systemPromptProblems(summary: SystemPromptSummary, policyDir: string): ContentProblem[] {
  if (!summary.clauses.length)
    return [
      {
        file: policyDir,
        message: `marks no clause critical, so the system-prompt summary would hold no rule. Mark the rules your Claude deployments must repeat with critical: true and a summary in the frontmatter's clauses.`,
      },
    ];
  if (summary.words > SYSTEM_PROMPT_MAX_WORDS)
    return [
      {
        file: policyDir,
        message: `makes a system-prompt summary of ${summary.words} words, over the ${SYSTEM_PROMPT_MAX_WORDS} a deployment keeps in full. Shorten the summaries of the critical clauses (${summary.clauses.join(", ")}) or mark fewer clauses critical.`,
      },
    ];
  return [];
}
