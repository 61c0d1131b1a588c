import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError, type ContentProblem } from "../lib/contentProblem.ts";
import type { Addendum } from "../schemas/organisation.ts";
import { AddendumFrontmatterSchema, SectionFrontmatterSchema } from "../schemas/policySection.ts";
import { withClauseNotes } from "./clauseNotes.ts";
import { hashPolicyText } from "./hash.ts";
import { renderMarkdown } from "./markdown.ts";
import { loadOrganisation, type LoadedOrganisation } from "./organisation.ts";
import { contentDir as defaultContentDir, displayPath } from "./paths.ts";
import { parsePolicyFile } from "./parsePolicyFile.ts";
import { fillPlaceholders, placeholderValues, type PlaceholderValues } from "./placeholders.ts";
import type { Clause, Policy, PolicySection } from "./types.ts";

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
  addenda,
}: LoadPolicyOptions = {}): Policy {
  return readPolicy(contentDir, loadOrganisation(contentDir), { mode, addenda }).policy;
}

export interface ReadPolicy {
  policy: Policy;
  /**
   * Every clause id scenarios may cite: the published ones and those of addenda switched off,
   * whose scenarios are still checked so that switching an addendum on never breaks the build.
   */
  citableClauses: Set<string>;
  /** The same clauses with the file each is written in and, when it opts out of teaching, the reason. */
  teachable: TeachableClause[];
}

export interface TeachableClause {
  id: string;
  /** The policy file, as shown in problems. */
  file: string;
  /** Why no scenario teaches it, when its file's frontmatter says so (`untaught`). */
  untaught?: string;
  /** Whether its file may list it under `untaught` (sections 1 and 8 may; the rules of 2 to 7 and the addenda may not). */
  mayOptOut: boolean;
}

/** loadPolicy for settings already read, so that one build reads each content file once. */
export function readPolicy(
  contentDir: string,
  loaded: LoadedOrganisation,
  { mode = "strict", addenda: only }: Omit<LoadPolicyOptions, "contentDir"> = {},
): ReadPolicy {
  const values = placeholderValues(loaded);
  const problems: ContentProblem[] = [...loaded.problems];
  const policyDir = path.join(contentDir, "policy");

  const teachable: TeachableClause[] = [];
  const sections = readSections(policyDir, values, problems, teachable);
  const { published: addenda, switchedOff } = readAddenda(
    path.join(policyDir, "addenda"),
    displayPath(path.join(contentDir, "organisation.yaml")),
    only ?? loaded.org.addenda,
    values,
    problems,
    teachable,
  );
  if (mode === "strict" && problems.length) throw new ContentError(problems);

  const all = [...sections, ...addenda];
  const { policy } = loaded.org;
  const citableClauses = new Set([...all, ...switchedOff].flatMap((s) => s.clauses.map((clause) => clause.id)));
  return {
    policy: {
      organisation: loaded.org,
      version: policy.version,
      effectiveDate: policy.effectiveDate,
      reviewDate: policy.reviewDate,
      sections: all,
      hash: hashPolicyText(all),
      problems,
    },
    citableClauses,
    teachable,
  };
}

/** The SHA-256 that identifies the current policy text; what every acknowledgement records. */
export function policyHash(options: Pick<LoadPolicyOptions, "contentDir"> = {}): string {
  return loadPolicy({ ...options, mode: "strict" }).hash;
}

function readSections(
  dir: string,
  values: PlaceholderValues,
  problems: ContentProblem[],
  teachable: TeachableClause[],
): PolicySection[] {
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
    const { section, title, summary, why, untaught, clauses } = parsed.frontmatter;
    teachable.push(
      ...teachableClauses(displayPath(file), parsed.clauses, untaught, problems, mayGoUntaught(String(section))),
    );
    sections.push({
      kind: "section",
      number: String(section),
      anchor: `section-${section}`,
      title,
      summary,
      whyHtml: fill(why, values),
      clauses: withClauseNotes(displayPath(file), parsed.clauses, clauses, values, problems),
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

/** The addenda switched on, in the settings' order, and the others (parsed, for their clause ids). */
function readAddenda(
  dir: string,
  settingsFile: string,
  enabled: readonly Addendum[],
  values: PlaceholderValues,
  problems: ContentProblem[],
  teachable: TeachableClause[],
): { published: PolicySection[]; switchedOff: PolicySection[] } {
  const addenda = new Map<Addendum, PolicySection>();
  const switchedOff: PolicySection[] = [];
  for (const name of markdownFiles(dir, enabled.length ? problems : [])) {
    const file = path.join(dir, name);
    const parsed = parsePolicyFile(
      displayPath(file),
      readFileSync(file, "utf8"),
      AddendumFrontmatterSchema,
      (fm) => fm.prefix,
      values,
    );
    const { frontmatter } = parsed;
    // An addendum that is switched off is not published, so its problems do not block the build;
    // one whose frontmatter cannot be read could be any addendum, so it counts while any is on.
    const on = !!frontmatter && enabled.includes(frontmatter.addendum);
    if (on || (!frontmatter && enabled.length)) problems.push(...parsed.problems);
    if (!frontmatter) continue;
    const { addendum, prefix, title, summary, why, untaught, clauses } = frontmatter;
    // Switched off or not, the bank teaches every addendum, so that switching one on never leaves it untaught.
    teachable.push(...teachableClauses(displayPath(file), parsed.clauses, untaught, on ? problems : [], false));
    // Notes of an addendum that is switched off do not block the build, like its other problems.
    const noteProblems: ContentProblem[] = [];
    const section: PolicySection = {
      kind: "addendum",
      number: prefix,
      anchor: `addendum-${prefix.toLowerCase()}`,
      title,
      summary,
      whyHtml: fill(why, values),
      clauses: withClauseNotes(displayPath(file), parsed.clauses, clauses, values, noteProblems),
    };
    if (on) problems.push(...noteProblems);
    if (on) addenda.set(addendum, section);
    else switchedOff.push(section);
  }
  for (const name of enabled.filter((name) => !addenda.has(name)))
    problems.push({
      file: settingsFile,
      location: "addenda",
      message: `switches on "${name}", but ${displayPath(dir)} has no addendum file for it. Add ${name}.md there or remove "${name}" from addenda.`,
    });
  return { published: enabled.flatMap((name) => addenda.get(name) ?? []), switchedOff };
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

/**
 * Whether a section's clauses may be listed as `untaught`. Only the frame of the policy may: section 1
 * (scope) and the governance sections from 8 on. The rules of sections 2 to 7 and of every addendum are
 * what the learner acknowledges, so each must be the clause of a correct choice somewhere in the bank.
 */
function mayGoUntaught(section: string): boolean {
  const number = Number(section);
  return number < 2 || number > 7;
}

/** A file's clauses with their opt-outs; an opt-out naming a clause the file lacks, or a rule that must be taught, is a problem. */
function teachableClauses(
  file: string,
  clauses: readonly Clause[],
  untaught: Record<string, string> = {},
  problems: ContentProblem[],
  mayOptOut: boolean,
): TeachableClause[] {
  const ids = new Set(clauses.map((clause) => clause.id));
  if (!mayOptOut)
    for (const id of Object.keys(untaught).filter((id) => ids.has(id)))
      problems.push({
        file,
        location: `untaught "${id}"`,
        message:
          "opts a rule out of the course, but every clause of sections 2 to 7 and of the addenda must be taught: " +
          `the learner acknowledges it. Write a question whose correct choice cites "${id}", then remove the entry.`,
      });
  for (const id of Object.keys(untaught).filter((id) => !ids.has(id)))
    problems.push({
      file,
      location: `untaught "${id}"`,
      message: `names a clause this file does not have. Use the id of one of its clauses (${[...ids].join(", ")}) or remove the entry.`,
    });
  return clauses.map(({ id }) => ({
    id,
    file,
    mayOptOut,
    ...(mayOptOut && untaught[id] ? { untaught: untaught[id] } : {}),
  }));
}

/** Renders the "why this matters" text; it may use the same placeholders as the clauses. */
function fill(text: string, values: PlaceholderValues): string {
  return renderMarkdown(fillPlaceholders(text, values).text);
}
