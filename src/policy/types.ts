import type { ContentProblem } from "../lib/contentProblem.ts";
import type { Organisation } from "../schemas/organisation.ts";

/** One numbered rule of the policy, e.g. 3.1. Scenarios and records cite clauses by `id`. */
export interface Clause {
  id: string;
  /** Fragment id on the policy page: `clause-3-1`. */
  anchor: string;
  title: string;
  /** The clause body as HTML, organisation values filled in. */
  html: string;
  /** The clause body as plain text, for the hash and for feedback. */
  text: string;
  /** Marked `critical: true` in the frontmatter: its rule goes into the system-prompt summary. */
  critical?: true;
  /** The rule in one line, values filled in (frontmatter); not part of the hashed text. */
  summary?: string;
  /** The common gaps' parts this clause closes (src/lib/policyGaps.ts). */
  closes?: string[];
}

export interface PolicySection {
  kind: "section" | "addendum";
  /** "3" for a section, "FIN" for an addendum. */
  number: string;
  anchor: string;
  title: string;
  summary: string;
  /** "Why this matters", as HTML; commentary, not part of the hashed text. */
  whyHtml: string;
  clauses: Clause[];
}

export interface Policy {
  organisation: Organisation;
  version: string;
  effectiveDate: string;
  reviewDate: string;
  /** Sections 1 to 8, then the addenda switched on in the settings. */
  sections: PolicySection[];
  /** SHA-256 (hex) of the normalised policy text: what a person acknowledges. */
  hash: string;
  /** Empty in a production build; in preview, what is still to fix. */
  problems: ContentProblem[];
}
