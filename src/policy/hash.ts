import { createHash } from "node:crypto";
import { normaliseText } from "./markdown.ts";

/** What the hash covers of a section: the same for the live policy and for a recorded release. */
export interface HashedSection {
  number: string;
  title: string;
  clauses: readonly { id: string; title: string; text: string }[];
}

/**
 * SHA-256 of the binding policy text: section titles, clause ids, titles and words, organisation
 * values filled in. Formatting (Markdown style, line wrapping, page layout) does not count, and
 * neither does the "why this matters" commentary, so only a change of what people agree to
 * changes the hash.
 */
export function hashPolicyText(sections: readonly HashedSection[]): string {
  return createHash("sha256").update(canonicalPolicyText(sections), "utf8").digest("hex");
}

/** The normalised text that the hash covers, one line per heading or clause. */
export function canonicalPolicyText(sections: readonly HashedSection[]): string {
  const lines = sections.flatMap((section) => [
    `§ ${section.number} ${normaliseText(section.title)}`,
    ...section.clauses.map((clause) => `${clause.id} ${normaliseText(clause.title)}: ${clause.text}`),
  ]);
  return lines.join("\n");
}
