import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { zodProblems } from "../lib/zodProblems.ts";
import { displayPath } from "../policy/paths.ts";
import { fillPlaceholders, type PlaceholderValues } from "../policy/placeholders.ts";
import { parseYaml } from "../policy/readYaml.ts";
import { text } from "../schemas/fields.ts";
import { TEMPLATE_KEYS, TEMPLATE_NAMES, type TemplateName } from "./templateKeys.ts";

export interface EmailTemplate {
  /** As people should read it in messages. */
  file: string;
  subject: string;
  /** Markdown, placeholders not yet filled. */
  body: string;
}

export type EmailTemplates = Record<TemplateName, EmailTemplate>;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

const Frontmatter = z.strictObject(
  { subject: text('the subject line, e.g. "Please acknowledge the Claude policy by {{employee.dueBy}}"') },
  { error: "must hold only subject. Write subject: followed by the email's subject line." },
);

/** The folder of the email templates in a content folder. */
export function emailsDir(contentDir: string): string {
  return path.join(contentDir, "emails");
}

/**
 * Reads and checks every template of `content/emails/`: each one the reminders send must exist,
 * have a subject, use only known placeholders (an unknown one is named with its line) and link to
 * the course. Without the folder there are no templates: a problem when the settings ask for
 * reminders (`required`), none otherwise (a content folder from before reminders).
 */
export function loadEmailTemplates(
  contentDir: string,
  values: PlaceholderValues,
  required: boolean,
): { templates: EmailTemplates | undefined; problems: ContentProblem[] } {
  const dir = emailsDir(contentDir);
  if (!existsSync(dir))
    return {
      templates: undefined,
      problems: required
        ? [
            {
              file: displayPath(dir),
              message: `does not exist, and organisation.yaml asks for reminders. Add the templates (${TEMPLATE_NAMES.map((n) => `${n}.md`).join(", ")}) as in the example content, or remove the reminders group.`,
            },
          ]
        : [],
    };
  const problems: ContentProblem[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".md")))
    if (!(TEMPLATE_NAMES as string[]).includes(name.slice(0, -3)))
      problems.push({
        file: displayPath(path.join(dir, name)),
        message: `is not an email reminders send. Name each template after its email (${TEMPLATE_NAMES.map((n) => `${n}.md`).join(", ")}), or remove it.`,
      });
  const templates: Partial<EmailTemplates> = {};
  for (const name of TEMPLATE_NAMES) {
    const template = readTemplate(path.join(dir, `${name}.md`), name, values, problems);
    if (template) templates[name] = template;
  }
  return { templates: problems.length ? undefined : (templates as EmailTemplates), problems };
}

function readTemplate(
  file: string,
  name: TemplateName,
  values: PlaceholderValues,
  problems: ContentProblem[],
): EmailTemplate | undefined {
  const shown = displayPath(file);
  const keys = TEMPLATE_KEYS[name];
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    problems.push({
      file: shown,
      message: `does not exist. Write the ${name} email there: frontmatter with its subject, then Markdown that links to {{course.link}}.`,
    });
    return undefined;
  }
  const match = FRONTMATTER.exec(source);
  if (!match) {
    problems.push({
      file: shown,
      location: "line 1",
      message: "has no frontmatter. Start the file with a --- block holding subject.",
    });
    return undefined;
  }
  const yaml = parseYaml(match[1] ?? "", file, 2);
  const parsed = Frontmatter.safeParse(yaml.data);
  problems.push(...yaml.problems, ...(yaml.problems.length || parsed.success ? [] : zodProblems(parsed.error, shown)));
  if (!parsed.success) return undefined;

  // The keys this email fills at send time count as known; any other must be an organisation value.
  const known = new Map(values);
  for (const key of keys) known.set(key, { text: "" });
  const hint = `Use a field of organisation.yaml, e.g. {{organisation.name}}, or one of this email's: ${keys.map((k) => `{{${k}}}`).join(", ")}.`;
  const subjectLine =
    source
      .slice(0, match[0].length)
      .split("\n")
      .findIndex((line) => line.startsWith("subject")) + 1;
  for (const { key } of fillPlaceholders(parsed.data.subject, known).unknown)
    problems.push({
      file: shown,
      location: `line ${subjectLine}`,
      message: `uses the unknown placeholder {{${key}}} in the subject. ${hint}`,
    });
  const body = source.slice(match[0].length);
  const bodyStartLine = match[0].split("\n").length;
  for (const { key, line } of fillPlaceholders(body, known).unknown)
    problems.push({
      file: shown,
      location: `line ${line + bodyStartLine - 1}`,
      message: `uses the unknown placeholder {{${key}}}. ${hint}`,
    });
  if (!/\{\{\s*course\.link\s*\}\}/.test(body))
    problems.push({
      file: shown,
      message: "does not link to the course. Add {{course.link}} to the text, e.g. [Open the course]({{course.link}}).",
    });
  return { file: shown, subject: parsed.data.subject, body };
}
