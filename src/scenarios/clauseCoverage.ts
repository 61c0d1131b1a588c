import type { ContentProblem } from "../lib/contentProblem.ts";
import type { TeachableClause } from "../policy/loadPolicy.ts";
import type { Scenario } from "../schemas/scenario.ts";

/**
 * A clause is taught when it is the clause of a correct choice: that is where a learner sees the rule
 * applied rather than only broken. No clause may be the answer to more than this many questions, so
 * that one easy rule ("own up") cannot stand in for the rest.
 */
export const MAX_CORRECT_PER_CLAUSE = 5;

export interface ClauseCoverage {
  /** Each clause of the policy with the questions ("scenario/node") whose correct choice cites it. */
  taught: Map<string, string[]>;
  /** Clauses that opt out in their file's frontmatter, with the reason. */
  optedOut: Map<string, string>;
  /** A clause that is neither taught nor opted out, and a clause taught too often. */
  problems: ContentProblem[];
  /** One line for the build log. */
  summary: string;
}

/** How the scenario bank covers the policy's clauses (`bankFolder` is where bank-wide problems point). */
export function clauseCoverage(
  scenarios: readonly Scenario[],
  clauses: readonly TeachableClause[],
  bankFolder: string,
): ClauseCoverage {
  const taught = new Map(clauses.map(({ id }) => [id, [] as string[]]));
  for (const scenario of scenarios)
    for (const [nodeId, node] of Object.entries(scenario.nodes))
      if (node.type === "question")
        for (const choice of node.choices)
          if (choice.outcome === "correct") taught.get(choice.clause)?.push(`${scenario.id}/${nodeId}`);

  const optedOut = new Map(clauses.flatMap(({ id, untaught }) => (untaught ? [[id, untaught] as const] : [])));
  const problems: ContentProblem[] = [];
  for (const { id, file, mayOptOut } of clauses)
    if (!taught.get(id)?.length && !optedOut.has(id))
      problems.push({
        file,
        location: `clause ${id}`,
        message:
          `is not the clause of a correct choice in any scenario, so the course never shows it applied. ` +
          `Write a question whose correct choice cites "${id}"` +
          (mayOptOut
            ? `, or list it under untaught in this file's frontmatter with the reason.`
            : `: a rule of sections 2 to 7 or of an addendum cannot be listed under untaught.`),
      });
  for (const [id, questions] of taught)
    if (questions.length > MAX_CORRECT_PER_CLAUSE)
      problems.push({
        file: bankFolder,
        location: `clause ${id}`,
        message:
          `is the clause of ${questions.length} correct choices (${questions.join(", ")}), more than ${MAX_CORRECT_PER_CLAUSE}, ` +
          `so one rule answers too many questions. Cite the more specific clause the choice applies in some of them, or rewrite a question around another rule.`,
      });

  const count = [...taught.values()].filter((questions) => questions.length).length;
  const summary =
    `${count} of ${clauses.length} clauses taught by a correct choice` +
    (optedOut.size ? `, ${optedOut.size} opted out (${[...optedOut.keys()].join(", ")})` : "");
  return { taught, optedOut, problems, summary };
}
