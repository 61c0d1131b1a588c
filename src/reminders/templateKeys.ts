/**
 * The emails reminders send, each a Markdown file in `content/emails/`, and the placeholders each
 * may use besides the organisation's (those of the policy). Every email links to the course.
 */
export const TEMPLATE_KEYS = {
  /** To an employee, `leadDays` business days before their due date. */
  due: ["employee.name", "employee.dueBy", "employee.reason", "course.link", "course.duration"],
  /** To an employee, every `overdueEveryDays` business days while overdue. */
  overdue: [
    "employee.name",
    "employee.dueBy",
    "employee.daysOverdue",
    "employee.reason",
    "course.link",
    "course.duration",
  ],
  /** To the employee's manager, once `escalateAfterDays` business days overdue. */
  escalation: [
    "manager.name",
    "employee.name",
    "employee.email",
    "employee.dueBy",
    "employee.daysOverdue",
    "employee.reason",
    "course.link",
  ],
  /** To HR, weekly. */
  digest: [
    "digest.date",
    "digest.dueCount",
    "digest.overdueCount",
    "digest.overdueList",
    "digest.escalatedCount",
    "course.link",
    "dashboard.link",
  ],
} as const;

// employee.daysOverdue is written with its unit ("1 business day", "6 business days"); course.link is the
// page of the course the employee owes (the whole course, the refresher or an update), course.duration
// how long it takes ("about 10 to 20 minutes").
export type TemplateName = keyof typeof TEMPLATE_KEYS;

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_KEYS) as TemplateName[];

/** The values one email fills in, by placeholder key. */
export type SendValues = Record<string, string>;
