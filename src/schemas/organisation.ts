import { z } from "zod";
import { contrastRatio } from "../lib/contrast.ts";
import { calendarDate, email as emailField, text } from "./fields.ts";
import { RemindersSchema } from "./reminders.ts";
import { strictGroup } from "./strictGroup.ts";
import { GAP_IDS } from "../lib/policyGaps.ts";
import { REVIEW_INTERVALS } from "../lib/reviewIntervals.ts";

/**
 * The organisation settings (`content/organisation.yaml`): every value the policy template leaves
 * to the organisation. Each error message names what is wrong and what to write, because the
 * person reading it is a policy owner, not a developer.
 */

/** Values still showing a template slot: `[DATE]`, `[CUSTOMISE: role]`, `TODO`, `{{name}}`. */
const PLACEHOLDER = /^\s*\[.*\]\s*$|\[(?:CUSTOMI[SZ]E|TBC)\b[^\]]*\]|\b(?:TODO|TBD|TBC|CHANGEME|FIXME)\b|\{\{.*\}\}/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

export const PRODUCTS = {
  "claude-enterprise": "Claude Enterprise",
  "claude-cowork": "Claude Cowork",
  "claude-code": "Claude Code",
  "claude-api": "Claude API integrations",
} as const;
export type Product = keyof typeof PRODUCTS;

export const ADDENDA = ["financial-services", "healthcare", "legal"] as const;
export type Addendum = (typeof ADDENDA)[number];

/** Text the organisation must write, not a template slot left in; `fix` completes "Write …". */
function filled(fix: string) {
  return text(fix).superRefine((value, ctx) => {
    if (isPlaceholder(value))
      ctx.addIssue({ code: "custom", message: `is still a placeholder (${JSON.stringify(value)}). Write ${fix}.` });
  });
}

const email = (fix: string) => filled(fix).pipe(emailField(fix));

const isoDate = (fix: string) => filled(fix).pipe(calendarDate(fix));

function wholeNumber(min: number, max: number, fix: string) {
  return z
    .number({ error: `must be a whole number from ${min} to ${max}. Write ${fix}.` })
    .int({ error: `must be a whole number. Write ${fix}.` })
    .min(min, { error: `must be at least ${min}. Write ${fix}.` })
    .max(max, { error: `must be at most ${max}. Write ${fix}.` });
}

/** A group of settings; unknown keys are refused because they are almost always typos. */
function group<Shape extends z.ZodRawShape>(shape: Shape) {
  return strictGroup(
    shape,
    `Add it with the fields ${Object.keys(shape).join(", ")}, as in the example organisation.yaml.`,
  );
}

const contact = (who: string, example: { name: string; email: string }) =>
  group({
    name: filled(`the name of ${who}, e.g. "${example.name}"`),
    email: email(`the email address of ${who}, e.g. ${example.email}`),
    /** How the name reads in running text ("ask the AI Governance Office"); the name itself when left out. */
    inText: filled(`how the name reads in a sentence, e.g. "the ${example.name}"`).optional(),
  });

function reviewInterval(fix: string) {
  return z.enum(REVIEW_INTERVALS, {
    error: (issue) => `is ${JSON.stringify(issue.input)}. Write ${fix}: one of ${REVIEW_INTERVALS.join(", ")}.`,
  });
}

const ONE_YEAR_MS = 366 * 24 * 60 * 60 * 1000;

function noRepeats(list: readonly string[], ctx: z.RefinementCtx): void {
  for (const repeated of new Set(list.filter((item, i) => list.indexOf(item) !== i)))
    ctx.addIssue({ code: "custom", message: `lists ${JSON.stringify(repeated)} twice. Remove the repeat.` });
}

export const OrganisationSchema = group({
  /** Who the policy belongs to. */
  organisation: group({
    name: filled(`your organisation's name as employees know it, e.g. "Acme Holdings Ltd"`),
    shortName: filled(`a short name for the page header, e.g. "Acme"`).optional(),
  }),
  /** Logo and colour used across the site and packages. */
  branding: group({
    logo: filled(`the path of your logo (SVG or PNG) relative to the content folder, e.g. branding/logo.svg`)
      .refine((path) => /\.(svg|png)$/i.test(path), {
        error: "must be an .svg or .png file. Write the path of your logo.",
      })
      .optional(),
    accentColour: z
      .string({ error: 'must be a colour like "#1d4e89". Write your brand colour as a quoted hex code.' })
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a six-digit hex colour like "#1d4e89". Write it in quotes.' })
      .superRefine((colour, ctx) => {
        const ratio = contrastRatio(colour, "#ffffff");
        if (ratio < 4.5)
          ctx.addIssue({
            code: "custom",
            message: `has a contrast of ${ratio.toFixed(1)}:1 with white, below the 4.5:1 that text needs (WCAG AA). Choose a darker shade of your brand colour.`,
          });
      })
      .default("#1d4e89"),
  }),
  /** Version and dates shown on the policy and stored with every acknowledgement. */
  policy: group({
    version: z
      .string({ error: 'must be a quoted version such as "1.0.0". Write the policy version in quotes.' })
      .regex(/^\d+\.\d+(\.\d+)?$/, { error: 'must look like "1.0" or "1.2.0". Write the policy version.' }),
    effectiveDate: isoDate("the date the policy takes effect, e.g. 2026-01-05"),
    reviewDate: isoDate("the date of the next review, at most 12 months after the effective date"),
    /** How often the policy is reviewed: quarterly for the first 12 months after the first release, then annually. */
    reviewSchedule: group({
      firstYear: reviewInterval("how often the policy is reviewed in the 12 months after its first release"),
      thereafter: reviewInterval("how often the policy is reviewed after its first year"),
    }).default({ firstYear: "quarterly", thereafter: "annual" }),
    /** Common gaps this organisation leaves open on purpose, each with its reason (npm run check:policy). */
    allowGaps: z
      .array(
        group({
          gap: z.enum(GAP_IDS as [string, ...string[]], {
            error: (issue) =>
              `is ${JSON.stringify(issue.input)}, which is not a gap. Use one of ${GAP_IDS.join(", ")}.`,
          }),
          reason: filled('why this gap does not apply to your organisation, e.g. "We deploy no agents."'),
        }),
        { error: "must be a list of { gap, reason } entries." },
      )
      .default([]),
  }).superRefine(({ effectiveDate, reviewDate }, ctx) => {
    const gap = Date.parse(reviewDate) - Date.parse(effectiveDate);
    if (gap <= 0 || gap > ONE_YEAR_MS)
      ctx.addIssue({
        code: "custom",
        path: ["reviewDate"],
        message: `(${reviewDate}) must fall after the effective date (${effectiveDate}) and at most 12 months later. Write a review date within a year.`,
      });
  }),
  /** Roles (not people) that own, approve and operate the policy. */
  roles: group({
    policyOwner: filled(`the role that maintains this policy, e.g. "Chief Information Security Officer"`),
    executiveSponsor: filled(`the executive role that approved the policy, e.g. "Chief Operating Officer"`),
    agentConnectionApprover: filled(`who approves connecting agents to sensitive systems, e.g. "IT Security"`),
    openSourceReviewer: filled(`who checks open-source licences before release, e.g. "Engineering Lead"`),
  }),
  /** Where staff report incidents and ask questions. */
  contacts: group({
    incidents: contact("the team that takes incident reports", {
      name: "IT Security Service Desk",
      email: "security@yourcompany.com",
    }),
    questions: contact(`the team that answers "may I use Claude for this?"`, {
      name: "AI Governance Office",
      email: "ai-governance@yourcompany.com",
    }),
    incidentReportHours: wholeNumber(1, 72, "the number of hours staff have to report an incident, e.g. 24").default(
      24,
    ),
  }),
  /** The organisation's data classification scheme and the ceiling for Claude. */
  dataClassification: group({
    levels: z
      .array(filled("the name of a classification level"), {
        error:
          "must be a list of classification levels from least to most sensitive, e.g. [Public, Internal, Confidential, Secret].",
      })
      .min(2, { error: "needs at least two levels. List your classification levels from least to most sensitive." })
      .superRefine(noRepeats),
    highestAllowed: filled("the most sensitive classification level that may be used with Claude, e.g. Confidential"),
    policyName: filled(`the name of your classification policy, e.g. "Data Classification Policy"`),
  }).superRefine(({ levels, highestAllowed }, ctx) => {
    const at = levels.indexOf(highestAllowed);
    if (at === -1)
      ctx.addIssue({
        code: "custom",
        path: ["highestAllowed"],
        message: `(${JSON.stringify(highestAllowed)}) is not one of the levels (${levels.join(", ")}). Write one of them.`,
      });
    else if (at === levels.length - 1)
      ctx.addIssue({
        code: "custom",
        path: ["highestAllowed"],
        message: `is the most sensitive level, so nothing would be prohibited. Choose a lower level; every level above it becomes prohibited input.`,
      });
  }),
  products: z
    .array(
      z.enum(Object.keys(PRODUCTS) as [Product, ...Product[]], {
        error: (issue) =>
          `is ${JSON.stringify(issue.input)}, which is not a Claude product. Use only ${Object.keys(PRODUCTS).join(", ")}.`,
      }),
      {
        error: `must be a list of the Claude products you deploy: ${Object.keys(PRODUCTS).join(", ")}.`,
      },
    )
    .min(1, { error: `is empty. List the Claude products you deploy: ${Object.keys(PRODUCTS).join(", ")}.` })
    .superRefine(noRepeats),
  /** Names of the organisation's own procedures that the policy refers to. */
  procedures: group({
    informationSecurityPolicy: filled(`the name of your information security policy`),
    codeOfConduct: filled(`the name of your code of conduct`),
    aiWorkflowApproval: filled(`the name of the process that approves automated agent workflows`),
    aiDisclosure: filled(`the name of the procedure for disclosing AI assistance to clients`),
    dataProcessingAgreement: filled(`the name of your data processing agreement with Anthropic`),
    securityTestingProgramme: filled(`the name of the programme under which authorised security testing happens`),
  }),
  addenda: z
    .array(
      z.enum(ADDENDA, {
        error: (issue) =>
          `is ${JSON.stringify(issue.input)}, which is not an addendum. Use only ${ADDENDA.join(", ")}.`,
      }),
      {
        error: `must be a list of industry addenda: any of ${ADDENDA.join(", ")}, or [].`,
      },
    )
    .superRefine(noRepeats)
    .default([]),
  /** Course settings. */
  course: group({
    passMark: wholeNumber(1, 100, "the percentage needed to pass, e.g. 80").default(80),
    refresherSize: wholeNumber(1, 20, "the number of scenarios in a refresher quiz, e.g. 5").default(5),
    onboardingWindowDays: wholeNumber(1, 365, "the number of days a new hire has to acknowledge, e.g. 14").default(14),
    /** Days after a material release takes effect to take its update course: a change is shorter than onboarding, but everyone takes it at once. */
    updateWindowDays: wholeNumber(1, 365, "the number of days everyone has to take an update course, e.g. 30").default(
      30,
    ),
  }).default({ passMark: 80, refresherSize: 5, onboardingWindowDays: 14, updateWindowDays: 30 }),
  /** Reminder emails and escalation (src/reminders); without the group, no reminders are sent. */
  reminders: RemindersSchema.optional(),
});

export type Organisation = z.output<typeof OrganisationSchema>;
