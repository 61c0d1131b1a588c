import type { StatusRow } from "../hr/report.ts";
import { previousQuarter, quarterEnd, quarterOf } from "../lib/quarters.ts";
import type { ReminderSettings } from "../schemas/reminders.ts";
import type { ReminderKit } from "./reminderKit.ts";
import { businessDaysBetween, latestWeekday, weekdayOf } from "./businessDays.ts";
import type { SendValues, TemplateName } from "./templateKeys.ts";
import { countOf } from "../lib/plural.ts";

/** One email a pass means to send, and the key that stops it ever going twice. */
export interface PlannedSend {
  /** Employee (or HR), policy version, due date and step: sent at most once. */
  key: string;
  kind: TemplateName;
  to: string;
  employeeId?: string;
  values: SendValues;
}

export interface PlanContext {
  settings: ReminderSettings;
  /** How long each course page takes (the kit's), for the emails that link to one. */
  durations: ReminderKit["durations"];
  policyVersion: string;
  /** Today in the organisation's time zone (YYYY-MM-DD). */
  today: string;
}

/** Overdue employees listed in the digest before "and N more". */
const DIGEST_LISTED = 200;

const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const readable = (date: string) => longDate.format(Date.parse(`${date}T00:00:00Z`));

/**
 * The emails due today, from each roster employee's status (src/hr/report.ts, the one status rule):
 * - due: once, `leadDays` business days before the due date (or at once, if it is nearer);
 * - overdue: on the first business day overdue, then every `overdueEveryDays`;
 * - escalation to the manager's email, once, after `escalateAfterDays` overdue;
 * - HR's digest, once a week from `digestDay` (a later pass that week sends one the day missed).
 * Nothing goes on a day that is not a business day, or to anyone on leave. A key names its step,
 * never the day it is sent on, so that a pass that missed days sends the step due now, once.
 */
export function planSends(rows: readonly StatusRow[], context: PlanContext): PlannedSend[] {
  const { settings, policyVersion, today, durations } = context;
  if (!settings.businessDays.includes(weekdayOf(today))) return [];
  const site = settings.siteUrl.replace(/\/+$/, "");
  const courseLink = `${site}/course`;
  const sends: PlannedSend[] = [];
  const overdue: { row: StatusRow; days: number; escalated: boolean; from: string }[] = [];
  let dueCount = 0;
  for (const row of rows) {
    const { employee, status, dueBy } = row;
    if (employee.onLeave || !dueBy || (status !== "due" && status !== "update-due" && status !== "overdue")) continue;
    const key = (step: string) => `${employee.id}|${policyVersion}|${dueBy}|${step}`;
    // The course the employee owes: the whole one, the quarter's refresher, or the update from their version.
    const owes = row.owes ?? "course";
    const values: SendValues = {
      "employee.name": employee.name,
      "employee.email": employee.email,
      "employee.dueBy": readable(dueBy),
      "employee.reason": row.reason,
      "course.link": `${site}/${owes}`,
      // Every update a status can owe is published with its course, so the fallback is never the answer.
      "course.duration": durations[owes] ?? durations.course,
    };
    const mail = (kind: TemplateName, step: string, to: string, extra: SendValues = {}) =>
      sends.push({ key: key(step), kind, to, employeeId: employee.id, values: { ...values, ...extra } });
    if (status === "due" || status === "update-due") {
      dueCount++;
      if (businessDaysBetween(today, dueBy, settings.businessDays) <= settings.leadDays)
        mail("due", "due", employee.email);
      continue;
    }
    // A refresher missed for a whole quarter carries this quarter's end as its due date (the next
    // chance to catch up); it has been overdue at least since the last quarter ended.
    const overdueFrom = dueBy >= today ? quarterEnd(previousQuarter(quarterOf(new Date(`${today}T00:00:00Z`)))) : dueBy;
    values["employee.dueBy"] = readable(overdueFrom);
    const days = businessDaysBetween(overdueFrom, today, settings.businessDays);
    const escalated = days >= settings.escalateAfterDays && Boolean(employee.managerEmail);
    overdue.push({ row, days, escalated, from: overdueFrom });
    if (days === 0) continue; // overdue since a day off: the first reminder goes on the next business day
    const daysOverdue = { "employee.daysOverdue": businessDays(days) };
    mail("overdue", `overdue-${Math.floor((days - 1) / settings.overdueEveryDays) + 1}`, employee.email, daysOverdue);
    if (escalated && employee.managerEmail)
      mail("escalation", "escalation", employee.managerEmail, {
        ...daysOverdue,
        "manager.name": employee.manager || "manager",
      });
  }
  const week = latestWeekday(today, settings.digestDay);
  sends.push({
    key: `hr-digest|${settings.hrEmail}|week-of-${week}`,
    kind: "digest",
    to: settings.hrEmail,
    values: {
      "digest.date": readable(today),
      "digest.dueCount": String(dueCount),
      "digest.overdueCount": String(overdue.length),
      "digest.escalatedCount": String(overdue.filter((o) => o.escalated).length),
      "digest.overdueList": overdueList(overdue, settings.escalateAfterDays),
      "course.link": courseLink,
      "dashboard.link": `${site}/admin?status=overdue`,
    },
  });
  return sends;
}

function overdueList(
  overdue: { row: StatusRow; days: number; escalated: boolean; from: string }[],
  escalateAfter: number,
): string {
  if (!overdue.length) return "No one is overdue.";
  const lines = [...overdue]
    .sort((a, b) => b.days - a.days || a.row.employee.name.localeCompare(b.row.employee.name))
    .map(({ row: { employee }, days, escalated, from }) => {
      const manager = escalated
        ? `; manager told (${employee.managerEmail})`
        : days >= escalateAfter && !employee.managerEmail
          ? "; no manager email on the roster, so no one was told"
          : "";
      return `- ${employee.name} (${employee.email}), ${employee.department}: ${businessDays(days)} overdue, due by ${from}${manager}`;
    });
  const more = lines.length - DIGEST_LISTED;
  return [...lines.slice(0, DIGEST_LISTED), ...(more > 0 ? [`- and ${more} more: see the dashboard`] : [])].join("\n");
}

/** "1 business day", "6 business days". */
function businessDays(count: number): string {
  return countOf(count, "business day");
}
