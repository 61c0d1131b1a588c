import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError, type ContentProblem } from "../lib/contentProblem.ts";
import type { Addendum } from "../schemas/organisation.ts";
import { AddendumFrontmatterSchema, SectionFrontmatterSchema } from "../schemas/policySection.ts";
import { hashPolicyText } from "./hash.ts";
import { renderMarkdown } from "./markdown.ts";
import { loadOrganisation } from "./organisation.ts";
import { contentDir as defaultContentDir, displayPath } from "./paths.ts";
import { parsePolicyFile } from "./parsePolicyFile.ts";
import { fillPlaceholders, placeholderValues, type PlaceholderValues } from "./placeholders.ts";
import type { Policy, PolicySection } from "./types.ts";

const SECTION_COUNT = 8;

export interface LoadPolicyOptions {
  contentDir?: string;
  /**
   * `strict` (production builds, CLI, server): any problem throws a ContentError listing all of them.
   * `preview` (dev server): problems are returned and unfilled values are marked in the text.
   */
  mode?: "strict" | "preview";
  /** Which addenda to include; by default those switched on in organisation.yaml. */
  addenda?: readonly Addendum[];
}

/** Reads the organisation settings and the policy files, fills them in, and hashes the result. */
export function loadPolicy({
  contentDir = defaultContentDir(),
  mode = "strict",
  addenda: only,
}: LoadPolicyOptions = {}): Policy {
  const loaded = loadOrganisation(contentDir);
  const values = placeholderValues(loaded);
  const problems: ContentProblem[] = [...loaded.problems];
  const policyDir = path.join(contentDir, "policy");

  const sections = readSections(policyDir, values, problems);
  const addenda = readAddenda(
    path.join(policyDir, "addenda"),
    displayPath(path.join(contentDir, "organisation.yaml")),
    only ?? loaded.org.addenda,
    values,
    problems,
  );
  if (mode === "strict" && problems.length) throw new ContentError(problems);

  const all = [...sections, ...addenda];
  const { policy } = loaded.org;
  return {
    organisation: loaded.org,
    version: policy.version,
    effectiveDate: policy.effectiveDate,
    reviewDate: policy.reviewDate,
    sections: all,
    hash: hashPolicyText(all),
    problems,
  };
}

/** The SHA-256 that identifies the current policy text; what every acknowledgement records. */
export function policyHash(options: Pick<LoadPolicyOptions, "contentDir"> = {}): string {
  return loadPolicy({ ...options, mode: "strict" }).hash;
}

function readSections(dir: string, values: PlaceholderValues, problems: ContentProblem[]): PolicySection[] {
  const sections: PolicySection[] = [];
  let unreadable = 0;
  for (const name of markdownFiles(dir, problems)) {
    const file = path.join(dir, name);
    const parsed = parsePolicyFile(
      displayPath(file),
      readFileSync(file, "utf8"),
      SectionFrontmatterSchema,
      (fm) => String(fm.section),
      values,
    );
    problems.push(...parsed.problems);
    if (!parsed.frontmatter) {
      unreadable++;
      continue;
    }
    const { section, title, summary, why } = parsed.frontmatter;
    sections.push({
      kind: "section",
      number: String(section),
      anchor: `section-${section}`,
      title,
      summary,
      whyHtml: fill(why, values),
      clauses: parsed.clauses,
    });
  }
  sections.sort((a, b) => Number(a.number) - Number(b.number));
  // A file whose frontmatter could not be read already has its problem; "section missing" would repeat it.
  if (unreadable) return sections;
  const found = sections.map((s) => Number(s.number));
  for (let n = 1; n <= SECTION_COUNT; n++) {
    const count = found.filter((x) => x === n).length;
    if (count === 0)
      problems.push({
        file: displayPath(dir),
        message: `has no file for section ${n}. Add one whose frontmatter says "section: ${n}".`,
      });
    if (count > 1)
      problems.push({
        file: displayPath(dir),
        message: `has ${count} files for section ${n}. Keep one file per section.`,
      });
  }
  return sections;
}

function readAddenda(
  dir: string,
  settingsFile: string,
  enabled: readonly Addendum[],
  values: PlaceholderValues,
  problems: ContentProblem[],
): PolicySection[] {
  if (!enabled.length) return [];
  const addenda = new Map<Addendum, PolicySection>();
  for (const name of markdownFiles(dir, problems)) {
    const file = path.join(dir, name);
    const parsed = parsePolicyFile(
      displayPath(file),
      readFileSync(file, "utf8"),
      AddendumFrontmatterSchema,
      (fm) => fm.prefix,
      values,
    );
    // Problems in an addendum that is switched off do not block the build: it is not published.
    if (parsed.frontmatter && !enabled.includes(parsed.frontmatter.addendum)) continue;
    problems.push(...parsed.problems);
    if (!parsed.frontmatter) continue;
    const { addendum, prefix, title, summary, why } = parsed.frontmatter;
    addenda.set(addendum, {
      kind: "addendum",
      number: prefix,
      anchor: `addendum-${prefix.toLowerCase()}`,
      title,
      summary,
      whyHtml: fill(why, values),
      clauses: parsed.clauses,
    });
  }
  for (const name of enabled.filter((name) => !addenda.has(name)))
    problems.push({
      file: settingsFile,
      location: "addenda",
      message: `switches on "${name}", but ${displayPath(dir)} has no addendum file for it. Add ${name}.md there or remove "${name}" from addenda.`,
    });
  return enabled.flatMap((name) => addenda.get(name) ?? []);
}

function markdownFiles(dir: string, problems: ContentProblem[]): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".md"))
      .sort();
  } catch {
    problems.push({
      file: displayPath(dir),
      message: "does not exist. Create it with one Markdown file per policy section (copy the shipped content/policy).",
    });
    return [];
  }
}

/** Renders the "why this matters" text; it may use the same placeholders as the clauses. */
function fill(text: string, values: PlaceholderValues): string {
  return renderMarkdown(fillPlaceholders(text, values).text);
}
