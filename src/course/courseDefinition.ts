import { createHash } from "node:crypto";
import type { Policy } from "../policy/types.ts";
import type { ChangeView } from "../releases/changeHtml.ts";
import type { Audience, CourseScenario, Scenario } from "../schemas/scenario.ts";
import { courseDuration } from "./courseDuration.ts";
import { introText } from "./introText.ts";
import { keyRulesOf, type KeyRule } from "./keyRules.ts";
import { deployedProductAudiences, type ProductAudience } from "./productAudiences.ts";

export type { ProductAudience } from "./productAudiences.ts";

/**
 * A policy section as the course carries it. The texts (`whyHtml`, a clause's `html`) come with the
 * onboarding course only, which has the learner read them: the refresher links each clause it cites
 * to the policy page, and the texts would be a third of its page for nothing.
 */
export interface CourseSection {
  number: string;
  title: string;
  anchor: string;
  whyHtml?: string;
  clauses: { id: string; anchor: string; title: string; html?: string }[];
}

/**
 * Everything the course needs at run time, computed at build time from the validated content,
 * so that the browser (or an LMS package) gets plain data and no Markdown or YAML parser.
 */
export interface CourseDefinition {
  mode: "onboarding" | "refresher" | "update";
  /** An update course's versions and what changed between them, the redline rendered at build time. */
  update?: UpdateFacts;
  /** Changes whenever the policy, the scenarios or the rules change; saved progress from another key is dropped. */
  key: string;
  organisationName: string;
  /** `inText` is how the name reads in a sentence ("the AI Governance Office"). */
  questionsContact: { name: string; email: string; inText: string };
  /**
   * `keyRules`: the clauses marked critical, in one line each (onboarding only), which the policy step
   * leads with; the full text stays one click away.
   */
  policy: { version: string; hash: string; sections: CourseSection[]; keyRules?: KeyRule[] };
  /** The scenarios this organisation's learners may meet, sorted by id (onboarding: not the refresher-only ones). */
  scenarios: CourseScenario[];
  /** Which product audiences the learner is asked about (products the organisation deploys). */
  productAudiences: ProductAudience[];
  passMark: number;
  refresherSize: number;
  /**
   * How long to allow ("about 40 to 55 minutes"), from the words and the questions, for each choice of
   * products (`durationKey`; the refresher has only "").
   */
  duration: Record<string, string>;
  /** The intro's opening paragraph, plain text (introText.ts). */
  intro: string;
}

/** What an update course brings a learner from `from` to `to` (src/course/updateCourses.ts). */
export interface UpdateFacts {
  from: string;
  /** The text of `from`: the server lets only a learner whose last acknowledgement is of it take this update. */
  fromHash: string;
  to: string;
  changes: ChangeView[];
}

export function buildCourseDefinition(
  policy: Policy,
  bank: Scenario[],
  mode: CourseDefinition["mode"],
  update?: UpdateFacts & { scenarioIds: readonly string[] },
): CourseDefinition {
  const org = policy.organisation;
  const productAudiences = deployedProductAudiences(org.products);
  const allowed = new Set<Audience>(["everyone", ...productAudiences, ...org.addenda]);
  const scenarios = bank
    // refresherOnly keeps onboarding short; an update is short already, and re-teaches a changed rule
    // with every scenario that cites it.
    .filter((s) => allowed.has(s.audience) && (mode !== "onboarding" || !s.refresherOnly))
    // An update replays, of what onboarding taught, only what the change touches.
    .filter((s) => !update || update.scenarioIds.includes(s.id))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ summary: _summary, ...scenario }): CourseScenario => scenario);
  const { passMark, refresherSize } = org.course;
  const key = createHash("sha256")
    .update(JSON.stringify([mode, policy.hash, passMark, refresherSize, scenarios, update?.from]))
    .digest("base64url")
    .slice(0, 12);
  const facts = update && { from: update.from, fromHash: update.fromHash, to: update.to, changes: update.changes };
  const course = {
    mode,
    ...(facts ? { update: facts } : {}),
    key,
    organisationName: org.organisation.name,
    questionsContact: {
      ...org.contacts.questions,
      inText: org.contacts.questions.inText ?? org.contacts.questions.name,
    },
    policy: {
      version: policy.version,
      hash: policy.hash,
      sections: policy.sections.map(({ number, title, anchor, whyHtml, clauses }) => ({
        number,
        title,
        anchor,
        ...(mode === "onboarding" ? { whyHtml } : {}),
        clauses: clauses.map(({ id, anchor: clauseAnchor, title: clauseTitle, html }) => ({
          id,
          anchor: clauseAnchor,
          title: clauseTitle,
          ...(mode === "onboarding" ? { html } : {}),
        })),
      })),
      ...(mode === "onboarding" ? { keyRules: keyRulesOf(policy.sections) } : {}),
    },
    scenarios,
    productAudiences,
    passMark,
    refresherSize,
  };
  // An update reads only the clauses that changed.
  const read = facts ? changedSections(policy.sections, facts.changes) : policy.sections;
  const timed = { ...course, duration: courseDuration(course, read) };
  return { ...timed, intro: introText(timed) };
}

function changedSections(sections: Policy["sections"], changes: readonly ChangeView[]): Policy["sections"] {
  const ids = new Set(changes.filter((c) => c.kind !== "removed").map((c) => c.id));
  return sections
    .map((section) => ({ ...section, whyHtml: "", clauses: section.clauses.filter((c) => ids.has(c.id)) }))
    .filter((section) => section.clauses.length);
}
