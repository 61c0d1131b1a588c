import { previousQuarter, quarterEnd, quarterOf } from "../lib/quarters.ts";
import type { RecordSummary } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import type { ReleaseRules } from "./releaseRules.ts";

/**
 * "left": marked as a leaver on the roster; kept with their records, out of the figures and reminders.
 * "update-due": acknowledged the release before the latest material one, and still inside the
 * update window: they owe the update course, not the whole one.
 */
export type Status = "complete" | "due" | "update-due" | "overdue" | "left";

export const STATUSES: readonly Status[] = ["complete", "due", "update-due", "overdue", "left"];

/** A course's page: the whole course, the quarterly refresher, or the update from a version ("update-1.0.0"). */
export type CoursePage = "course" | "refresher" | `update-${string}`;

export interface EmployeeStatus {
  status: Status;
  /** Why, in words HR can act on. */
  reason: string;
  /** The date by which the next acknowledgement is expected (YYYY-MM-DD), when one is. */
  dueBy?: string;
  /** When overdue: the date it was due by (YYYY-MM-DD), from which days overdue are counted. */
  wasDueBy?: string;
  /** When due or overdue: the page of the course owed, which reminders link to. */
  owes?: CoursePage;
  lastRecord?: RecordSummary;
}

export interface StatusRules {
  policyHash: string;
  /** When the current policy version took effect (YYYY-MM-DD). */
  effectiveDate: string;
  onboardingWindowDays: number;
  /** The day to judge on (YYYY-MM-DD, UTC). */
  today: string;
  /** What the recorded releases change: which texts still count, and who owes an update (src/hr/releaseRules.ts). */
  releases?: ReleaseRules;
}

/** The policy facts the status rules need, as the published policy and loadPolicy() both give them. */
export interface RulesPolicy {
  hash: string;
  effectiveDate: string;
  organisation: { course: { onboardingWindowDays: number } };
}

/** The status rules of `policy` on `today` (YYYY-MM-DD), with what the recorded releases change when given. */
export function statusRules(policy: RulesPolicy, today: string, releases?: ReleaseRules): StatusRules {
  return {
    policyHash: policy.hash,
    effectiveDate: policy.effectiveDate,
    onboardingWindowDays: policy.organisation.course.onboardingWindowDays,
    today,
    ...(releases ? { releases } : {}),
  };
}

/**
 * Where an employee stands:
 * - they must do the onboarding course once, and acknowledge the current policy version, within
 *   the onboarding window after the later of their start date and the version's effective date
 *   (due inside it, overdue after); a refresher alone is not onboarding;
 * - after that, a refresher each calendar quarter: due during a quarter without one, overdue once
 *   a whole quarter has passed without one.
 * A leaver is "left", whatever their records.
 * `records` are the employee's acknowledgements, oldest first.
 */
export function employeeStatus(
  employee: Employee,
  records: readonly RecordSummary[],
  rules: StatusRules,
): EmployeeStatus {
  if (employee.leftOn)
    return {
      status: "left",
      reason: `left on ${employee.leftOn}; kept with their records, out of the figures and reminders`,
      lastRecord: records.at(-1),
    };
  // A minor release asks nothing of anyone: an acknowledgement of any text since the latest material release counts.
  const counting = new Set([rules.policyHash, ...(rules.releases?.currentHashes ?? [])]);
  const current = records.filter((r) => counting.has(r.policy.hash));
  const onboarded = records.some((r) => r.mode === "onboarding");
  const lastRecord = onboarded ? current.at(-1) : undefined;
  const update = onboarded && !lastRecord ? updateOwed(records, rules) : undefined;
  if (update) return update;
  if (!lastRecord) {
    const from = employee.startDate > rules.effectiveDate ? employee.startDate : rules.effectiveDate;
    const dueBy = addDays(from, rules.onboardingWindowDays);
    const what = !records.length
      ? "has not acknowledged the policy"
      : !onboarded
        ? "has done only a refresher, never the onboarding course"
        : "has not acknowledged the new policy version";
    return rules.today <= dueBy
      ? { status: "due", reason: `${what}; due by ${dueBy}`, dueBy, owes: "course", lastRecord: records.at(-1) }
      : {
          status: "overdue",
          reason: `${what}; it was due by ${dueBy}`,
          dueBy,
          wasDueBy: dueBy,
          owes: "course",
          lastRecord: records.at(-1),
        };
  }
  const thisQuarter = quarterOf(new Date(`${rules.today}T00:00:00Z`));
  const lastQuarter = quarterOf(new Date(lastRecord.recordedAt));
  if (lastQuarter === thisQuarter)
    return {
      status: "complete",
      reason: `acknowledged this quarter (${lastRecord.recordedAt.slice(0, 10)})`,
      lastRecord,
    };
  const endOfQuarter = quarterEnd(thisQuarter);
  if (lastQuarter === previousQuarter(thisQuarter))
    return {
      status: "due",
      reason: `refresher due this quarter, by ${endOfQuarter}`,
      dueBy: endOfQuarter,
      owes: "refresher",
      lastRecord,
    };
  return {
    status: "overdue",
    reason: `no refresher since ${lastRecord.recordedAt.slice(0, 10)}; one is due each quarter`,
    dueBy: endOfQuarter,
    // The refresher of the quarter after the last record's was due by that quarter's end.
    wasDueBy: quarterEnd(nextQuarter(lastQuarter)),
    owes: "refresher",
    lastRecord,
  };
}

/**
 * A learner whose last acknowledgement is of a release the latest material one supersedes owes the
 * update course: "update-due" inside the update window, "overdue" after it.
 */
function updateOwed(records: readonly RecordSummary[], rules: StatusRules): EmployeeStatus | undefined {
  const releases = rules.releases;
  const lastRecord = records.at(-1);
  const from = releases?.updateFrom.find((u) => u.hash === lastRecord?.policy.hash);
  if (!releases || !from || !lastRecord) return undefined;
  const { to, updateDueBy: dueBy } = releases;
  const what = `acknowledged ${from.version}; the update course to ${to}`;
  const owes = `update-${from.version}` as const;
  return rules.today <= dueBy
    ? { status: "update-due", reason: `${what} is due by ${dueBy}`, dueBy, owes, lastRecord }
    : { status: "overdue", reason: `${what} was due by ${dueBy}`, dueBy, wasDueBy: dueBy, owes, lastRecord };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The quarter after `quarter`: the one its last day is followed by. */
function nextQuarter(quarter: string): string {
  return quarterOf(new Date(Date.parse(`${quarterEnd(quarter)}T00:00:00Z`) + 86_400_000));
}

/** Whole days from `wasDueBy` to `today` (both YYYY-MM-DD): 1 the day after it was due. */
export function daysOverdue(wasDueBy: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${wasDueBy}T00:00:00Z`)) / 86_400_000);
}
