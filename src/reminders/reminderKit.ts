import type { CourseDefinition } from "../course/courseDefinition.ts";
import { onboardingDuration } from "../course/onboardingDuration.ts";
import type { CoursePage, StatusRules } from "../hr/status.ts";
import { releaseRules } from "../hr/releaseRules.ts";
import type { Release } from "../schemas/release.ts";
import type { PlaceholderValues } from "../policy/placeholders.ts";
import type { Policy } from "../policy/types.ts";
import type { ReminderSettings } from "../schemas/reminders.ts";
import type { EmailTemplates } from "./emailTemplates.ts";

/**
 * Everything a reminder pass needs from the published content, as plain JSON: the build writes it
 * beside the server (dist/server/reminders.json) because the server entry runs outside the bundle
 * that holds `virtual:aup/published`, and must never read content/ (it may not be there).
 */
export interface ReminderKit {
  /** The `reminders` group of organisation.yaml; without it no reminders are sent. */
  settings: ReminderSettings | undefined;
  templates: EmailTemplates | undefined;
  /** The organisation's placeholders, filled (the policy's own values). */
  values: Record<string, string>;
  /** How long each course page takes, as its reminders say ("about 10 to 20 minutes"). */
  durations: Record<"course" | "refresher", string> & Partial<Record<CoursePage, string>>;
  policy: Pick<StatusRules, "policyHash" | "effectiveDate" | "onboardingWindowDays" | "releases"> & {
    version: string;
    /**
     * The version reminders are keyed by: the latest material release's, so that a minor release,
     * which asks nothing of anyone, starts no second round of the same reminders.
     */
    remindedVersion: string;
  };
}

export function reminderKit(
  policy: Policy,
  values: PlaceholderValues,
  templates: EmailTemplates | undefined,
  releases: readonly Release[],
  courses: { onboarding: CourseDefinition; refresher: CourseDefinition; updates: readonly CourseDefinition[] },
): ReminderKit {
  // Reminders' notion of due is the dashboard's: an update owed is due, a minor release owes nothing.
  const rules = releaseRules(releases, policy);
  const filled: Record<string, string> = {};
  for (const [key, value] of values) if ("text" in value) filled[key] = value.text;
  return {
    settings: policy.organisation.reminders,
    templates,
    values: filled,
    durations: courseDurations(courses),
    policy: {
      version: policy.version,
      remindedVersion: rules?.material ?? policy.version,
      policyHash: policy.hash,
      effectiveDate: policy.effectiveDate,
      onboardingWindowDays: policy.organisation.course.onboardingWindowDays,
      ...(rules ? { releases: rules } : {}),
    },
  };
}

function courseDurations({
  onboarding,
  refresher,
  updates,
}: Parameters<typeof reminderKit>[4]): ReminderKit["durations"] {
  const { base, everyProduct } = onboardingDuration(onboarding);
  const durations: ReminderKit["durations"] = {
    course: everyProduct ? `${base}, or ${everyProduct.duration} if you also use ${everyProduct.products}` : base,
    refresher: refresher.duration[""] ?? "",
  };
  for (const update of updates)
    if (update.update) durations[`update-${update.update.from}`] = update.duration[""] ?? "";
  return durations;
}

/** Why reminders cannot run with this kit, or undefined when they can. */
export function kitGap(kit: ReminderKit): string | undefined {
  if (!kit.settings)
    return "organisation.yaml has no reminders group: add one (siteUrl, from, hrEmail, …, as in the example) and build again.";
  if (!kit.templates)
    return "content/emails/ holds no email templates: add them (due, overdue, escalation, digest) and build again.";
  return undefined;
}
