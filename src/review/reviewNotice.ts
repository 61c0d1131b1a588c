import type { ReviewPlan } from "./reviewSchedule.ts";
import { countOf } from "../lib/plural.ts";

/** How far ahead the owner is warned of a review. */
export const REVIEW_WARNING_DAYS = 30;

export interface ReviewNotice {
  level: "ok" | "due-soon" | "overdue";
  /** Days until the review; negative once it is overdue. */
  days: number;
  message: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const RECORD = `record it with npm run release -- --minor --note "Reviewed: …" (a changed text needs a new policy.version first)`;

/** What the build, the server's start and the dashboard say of the review, on `today` (injected for tests). */
export function reviewNotice(plan: ReviewPlan, today: Date): ReviewNotice {
  const day = Date.parse(today.toISOString().slice(0, 10));
  const days = Math.round((Date.parse(plan.nextReview) - day) / DAY_MS);
  if (days < 0)
    return {
      level: "overdue",
      days,
      message: `The policy review is overdue: it was due on ${plan.nextReview}, ${countOf(-days, "day")} ago (last review ${plan.lastReview}). Review the policy now, then ${RECORD}.`,
    };
  if (days <= REVIEW_WARNING_DAYS)
    return {
      level: "due-soon",
      days,
      message: `The policy review is due on ${plan.nextReview}, ${days === 0 ? "today" : `in ${countOf(days, "day")}`} (last review ${plan.lastReview}). Review the policy, then ${RECORD}.`,
    };
  return {
    level: "ok",
    days,
    message: `Next policy review: ${plan.nextReview} (${plan.interval}; last review ${plan.lastReview}).`,
  };
}
