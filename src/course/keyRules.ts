import type { Policy } from "../policy/types.ts";

/** A clause marked `critical: true`, as the policy step lists it: its id and its one-line rule. */
export interface KeyRule {
  id: string;
  summary: string;
}

/**
 * The critical clauses and their one-line summaries, in policy order: the rules the system-prompt
 * summary carries (src/deployment/systemPrompt.ts), which the onboarding's policy step leads with.
 */
export function keyRulesOf(sections: Policy["sections"]): KeyRule[] {
  return sections.flatMap((section) =>
    section.clauses
      .filter((clause) => clause.critical)
      .map((clause) => ({ id: clause.id, summary: clause.summary ?? "" })),
  );
}
