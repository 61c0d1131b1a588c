import { z } from "zod";
import { email, text } from "./fields.ts";
import { strictGroup } from "./strictGroup.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function days(min: number, max: number, fix: string) {
  return z
    .number({ error: `must be a whole number of business days from ${min} to ${max}. Write ${fix}.` })
    .int({ error: `must be a whole number of business days. Write ${fix}.` })
    .min(min, { error: `must be at least ${min}. Write ${fix}.` })
    .max(max, { error: `must be at most ${max}. Write ${fix}.` });
}

const weekday = z.enum(WEEKDAYS, {
  error: (issue) => `is ${JSON.stringify(issue.input)}, which is not a weekday. Write one of ${WEEKDAYS.join(", ")}.`,
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const FIELDS =
  "siteUrl, from, hrEmail, leadDays, overdueEveryDays, escalateAfterDays, digestDay, timeZone, businessDays";

/**
 * The `reminders` group of organisation.yaml: who is chased, when, and from where. Days are
 * business days in the organisation's time zone, so that nobody is counted overdue over a weekend
 * and no reminder lands on a day off.
 */
export const RemindersSchema = strictGroup(
  {
    /** The site's public address: every email links to the course there. */
    siteUrl: text("the address employees open the course at, e.g. https://aup.yourcompany.com", {
      singleLine: true,
    }).refine((url) => /^https?:\/\/[^\s/]+/.test(url), {
      error: (issue) =>
        `is not a web address (${JSON.stringify(issue.input)}). Write the address employees open the course at, starting with https://.`,
    }),
    /** The sender of every reminder. */
    from: email("the address reminders are sent from, e.g. ai-governance@yourcompany.com"),
    /** Who receives the weekly digest. */
    hrEmail: email("the address of the HR team that gets the weekly digest, e.g. hr@yourcompany.com"),
    leadDays: days(0, 60, "how many business days before the due date the first reminder goes, e.g. 5").default(5),
    overdueEveryDays: days(1, 60, "how often an overdue employee is reminded, in business days, e.g. 5").default(5),
    escalateAfterDays: days(1, 120, "after how many business days overdue the manager is told, e.g. 10").default(10),
    digestDay: weekday.default("monday"),
    timeZone: text("a time zone of the IANA database, e.g. Europe/London", { singleLine: true })
      .refine(isTimeZone, {
        error: (issue) =>
          `is not a time zone this system knows (${JSON.stringify(issue.input)}). Write a name from the IANA database, e.g. Europe/London or America/New_York.`,
      })
      .default("UTC"),
    businessDays: z
      .array(weekday, { error: `must be a list of weekdays, e.g. [monday, tuesday, wednesday, thursday, friday].` })
      .min(1, {
        error: "is empty. List the days reminders may be sent, e.g. [monday, tuesday, wednesday, thursday, friday].",
      })
      .default(["monday", "tuesday", "wednesday", "thursday", "friday"]),
  },
  `Add it with the fields ${FIELDS}, as in the example organisation.yaml.`,
).superRefine(({ digestDay, businessDays }, ctx) => {
  if (!businessDays.includes(digestDay))
    ctx.addIssue({
      code: "custom",
      path: ["digestDay"],
      message: `(${digestDay}) is not one of the business days (${businessDays.join(", ")}). Choose a business day for the digest.`,
    });
});

export type ReminderSettings = z.output<typeof RemindersSchema>;
