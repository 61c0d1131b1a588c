import { readFileSync } from "node:fs";
import path from "node:path";
import { buildCourseDefinition, type CourseDefinition } from "../course/courseDefinition.ts";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { readPolicy } from "../policy/loadPolicy.ts";
import { loadOrganisation } from "../policy/organisation.ts";
import { placeholderValues } from "../policy/placeholders.ts";
import { displayPath } from "../policy/paths.ts";
import type { Policy } from "../policy/types.ts";
import { loadEmailTemplates } from "../reminders/emailTemplates.ts";
import { reminderKit, type ReminderKit } from "../reminders/reminderKit.ts";
import { onboardingCoverage } from "../course/onboardingCoverage.ts";
import { buildUpdateCourses } from "../course/updateCourses.ts";
import { clauseCoverage } from "../scenarios/clauseCoverage.ts";
import { checkScenarioFiles, renderScenario } from "../scenarios/loadScenarios.ts";
import type { Scenario } from "../schemas/scenario.ts";
import type { Release } from "../schemas/release.ts";
import { governance, type Governance } from "./governance.ts";

export interface Branding {
  name: string;
  shortName: string;
  accentColour: string;
  /** The logo as a data URI, so that it works from any path (an LMS serves packages from anywhere). */
  logoSrc: string | undefined;
}

/**
 * Everything the pages and the server know of what this build publishes, made once per build from
 * the content folder (`publish`) and compiled into the build (`virtual:aup/published`): nothing
 * reads the content folder after the build.
 */
export interface Published {
  policy: Policy;
  branding: Branding;
  /** The course and the refresher, as their pages embed them. */
  courses: Record<"onboarding" | "refresher", CourseDefinition>;
  /** The update courses, one per release a learner may update from (src/course/updateCourses.ts). */
  updates: CourseDefinition[];
  /** The scenario files that passed every check, as written: the `scenarios` content collection. */
  scenarioFiles: Scenario[];
  /** What reminder emails need: settings, templates (content/emails/), the policy's facts. */
  reminders: ReminderKit;
  /** How the bank teaches the policy's clauses, one line for the build log. */
  coverage: string;
  /** Every problem found; empty in a production build, which stops on any. */
  problems: ContentProblem[];
  /** Every recorded release, oldest first (content/releases/). */
  releases: Release[];
  /** The owner's side: review cadence, system-prompt summary, common gaps, and what stops a build. */
  governance: Governance;
}

export interface PublishOptions {
  contentDir: string;
  scenariosDir: string;
}

/**
 * Reads each content file once (settings, policy, scenarios) in preview mode, so that the dev server
 * can show what is unfilled; a production build refuses a result with problems.
 */
export function publish({ contentDir, scenariosDir }: PublishOptions): Published {
  const organisation = loadOrganisation(contentDir);
  const values = placeholderValues(organisation);
  const { policy, citableClauses, teachable } = readPolicy(contentDir, organisation, { mode: "preview" });
  const { checked, problems } = checkScenarioFiles({
    contentDir,
    scenariosDir,
    mode: "preview",
    context: { values, citableClauses },
  });
  const emails = loadEmailTemplates(contentDir, values, organisation.raw.reminders !== undefined); // as written: a group with a typo still asks
  const bank = checked.map((scenario) => renderScenario(scenario, values));
  const coverage = clauseCoverage(checked, teachable, displayPath(scenariosDir));
  const onboarding = buildCourseDefinition(policy, bank, "onboarding");
  const refresher = buildCourseDefinition(policy, bank, "refresher");
  const { releases, ...owner } = governance(contentDir, policy);
  const governed = { releases, governance: owner };
  const updates = buildUpdateCourses(policy, bank, releases);
  return {
    policy,
    branding: branding(policy, contentDir),
    courses: { onboarding, refresher },
    updates,
    scenarioFiles: checked,
    reminders: reminderKit(policy, values, emails.templates, releases, { onboarding, refresher, updates }),
    coverage: coverage.summary,
    problems: [
      ...policy.problems,
      ...problems,
      ...coverage.problems,
      ...emails.problems,
      ...onboardingCoverage(onboarding, refresher, displayPath(scenariosDir)),
    ],
    ...governed,
  };
}

function branding({ organisation }: Policy, contentDir: string): Branding {
  const { name, shortName } = organisation.organisation;
  const { logo, accentColour } = organisation.branding;
  return {
    name: name || "Your organisation",
    shortName: shortName || name || "Your organisation",
    accentColour,
    logoSrc: logo ? dataUri(path.join(contentDir, logo)) : undefined,
  };
}

function dataUri(file: string): string | undefined {
  try {
    const type = file.toLowerCase().endsWith(".svg") ? "image/svg+xml" : "image/png";
    return `data:${type};base64,${readFileSync(file).toString("base64")}`;
  } catch {
    return undefined; // reported as a content problem; the header then shows the name alone
  }
}
