import type { ContentProblem } from "../lib/contentProblem.ts";
import type { SectionFrontmatter } from "../schemas/policySection.ts";
import { fillPlaceholders, type PlaceholderValues } from "./placeholders.ts";
import type { Clause } from "./types.ts";

type ClauseNotes = NonNullable<SectionFrontmatter["clauses"]>;

/**
 * Adds what the frontmatter says of some clauses (critical, their one-line rule, the gaps they
 * close) to those clauses. A note for a clause the file does not have, and a critical clause
 * without its rule, are problems: the summary for Claude deployments would silently lose a rule.
 */
export function withClauseNotes(
  file: string,
  clauses: Clause[],
  notes: ClauseNotes | undefined,
  values: PlaceholderValues,
  problems: ContentProblem[],
): Clause[] {
  if (!notes) return clauses;
  const ids = new Set(clauses.map((clause) => clause.id));
  for (const id of Object.keys(notes).filter((id) => !ids.has(id)))
    problems.push({
      file,
      location: `clauses.${id}`,
      message: `describes clause ${id}, which this file does not have. Use the id of one of its clauses (${[...ids].join(", ")}).`,
    });
  return clauses.map((clause) => {
    const note = notes[clause.id];
    if (!note) return clause;
    if (note.critical && !note.summary)
      problems.push({
        file,
        location: `clauses.${clause.id}`,
        message: `is marked critical: true but has no summary. Write its rule in one line (summary: "…"), in the second person: it goes into the system prompt of your Claude deployments.`,
      });
    const summary = note.summary && fillSummary(note.summary, values);
    if (summary)
      for (const { key } of summary.unknown)
        problems.push({
          file,
          location: `clauses.${clause.id}.summary`,
          message: `uses the unknown placeholder {{${key}}}. Use a field of organisation.yaml, e.g. {{contacts.questions.email}}.`,
        });
    return {
      ...clause,
      ...(note.critical ? { critical: true } : {}),
      ...(summary ? { summary: summary.text } : {}),
      ...(note.closes?.length ? { closes: note.closes } : {}),
    };
  });
}

/**
 * The one-line rule as plain text: it goes into a system prompt, not a page, so values are put in
 * as written (no Markdown escapes, no HTML for unfilled values, which preview shows as [key]).
 */
function fillSummary(summary: string, values: PlaceholderValues): { text: string; unknown: { key: string }[] } {
  const { unknown } = fillPlaceholders(summary, values);
  const text = summary.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, key: string) => {
    const value = values.get(key);
    return value && "text" in value ? value.text : `[${key}]`;
  });
  return { text: text.replace(/\s+/g, " ").trim(), unknown };
}
