import type { z } from "zod";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { zodProblems } from "../lib/zodProblems.ts";
import { renderMarkdown, plainText } from "./markdown.ts";
import { fillPlaceholders, type PlaceholderValues } from "./placeholders.ts";
import { parseYaml } from "./readYaml.ts";
import type { Clause } from "./types.ts";

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const CLAUSE_HEADING = /^##\s+(\S+)\s+(.+?)\s*$/;

export interface ParsedPolicyFile<Frontmatter> {
  frontmatter: Frontmatter | undefined;
  clauses: Clause[];
  problems: ContentProblem[];
}

/**
 * Reads one policy file: YAML frontmatter, then clauses that each start with `## <id> <title>`.
 * `clausePrefix` gives the expected id prefix ("3" gives 3.1, 3.2, …) once the frontmatter is known.
 */
export function parsePolicyFile<Schema extends z.ZodType>(
  file: string,
  source: string,
  schema: Schema,
  clausePrefix: (frontmatter: z.output<Schema>) => string,
  values: PlaceholderValues,
): ParsedPolicyFile<z.output<Schema>> {
  const match = FRONTMATTER.exec(source);
  if (!match)
    return {
      frontmatter: undefined,
      clauses: [],
      problems: [
        {
          file,
          location: "line 1",
          message: "has no frontmatter. Start the file with a --- block holding title, summary and why.",
        },
      ],
    };
  const yaml = parseYaml(match[1] ?? "", file, 2);
  const parsed = schema.safeParse(yaml.data);
  const problems = [
    ...yaml.problems,
    ...(yaml.problems.length || parsed.success ? [] : zodProblems(parsed.error, file)),
  ];
  if (!parsed.success) return { frontmatter: undefined, clauses: [], problems };

  const prefix = clausePrefix(parsed.data);
  const bodyStartLine = match[0].split("\n").length;
  const { text, unknown } = fillPlaceholders(source.slice(match[0].length), values);
  for (const { key, line } of unknown)
    problems.push({
      file,
      location: `line ${line + bodyStartLine - 1}`,
      message: `uses the unknown placeholder {{${key}}}. Use a field of organisation.yaml, e.g. {{organisation.name}}, or remove the braces.`,
    });

  const clauses: Clause[] = [];
  let current: { id: string; title: string; lines: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    const markdown = current.lines.join("\n");
    clauses.push({
      id: current.id,
      anchor: `clause-${current.id.replace(".", "-")}`,
      title: plainText(current.title),
      html: renderMarkdown(markdown),
      text: plainText(markdown),
    });
  };
  let strayText = false;
  text.split("\n").forEach((line, index) => {
    const lineNumber = index + bodyStartLine;
    if (/^##\s/.test(line)) {
      finish();
      const [, id = "", title = ""] = CLAUSE_HEADING.exec(line) ?? [];
      const expected = `${prefix}.${clauses.length + 1}`;
      if (!title)
        problems.push({
          file,
          location: `line ${lineNumber}`,
          message: `has a clause heading without an id and a title ("${line.trim()}"). Write it as "## ${expected} Title".`,
        });
      else if (id !== expected)
        problems.push({
          file,
          location: `line ${lineNumber}`,
          message: `has clause "${id}" where "${expected}" comes next. Number clauses ${prefix}.1, ${prefix}.2, … in order, and never reuse an id.`,
        });
      current = { id: title ? id : expected, title, lines: [] };
    } else if (/^#{1,6}\s/.test(line)) {
      problems.push({
        file,
        location: `line ${lineNumber}`,
        message: `has a heading that is not a clause ("${line.trim()}"). Start clauses with "## ${prefix}.N Title"; use bold text for sub-headings inside a clause.`,
      });
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() && !strayText) {
      strayText = true;
      problems.push({
        file,
        location: `line ${lineNumber}`,
        message: `has text before the first clause. Move it into a clause, or into the "why" of the frontmatter.`,
      });
    }
  });
  finish();
  if (!clauses.length)
    problems.push({ file, message: `has no clauses. Add at least one clause starting with "## ${prefix}.1 Title".` });
  for (const clause of clauses)
    if (!clause.text)
      problems.push({
        file,
        location: `clause ${clause.id}`,
        message: "is empty. Write the clause's text under its heading.",
      });
  return { frontmatter: parsed.data, clauses, problems };
}
