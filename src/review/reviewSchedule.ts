import { INTERVAL_MONTHS, type ReviewInterval } from "../lib/reviewIntervals.ts";
import type { Organisation } from "../schemas/organisation.ts";
import type { Release } from "../schemas/release.ts";

/** When the policy was last reviewed and when the next review falls, derived from the releases. */
export interface ReviewPlan {
  firstRelease: string;
  lastReview: string;
  /** The interval in force after the last review: the first year's, or the one after. */
  interval: ReviewInterval;
  nextReview: string;
  /** True when the settings' policy.reviewDate comes before the schedule's date and so sets it. */
  setByReviewDate: boolean;
}

/**
 * The next review is one interval after the latest review recorded in any release (a release is a
 * review; so is `npm run release` on an unchanged text), with the first year's interval while the
 * last review falls within 12 months of the first release, and never later than the
 * `policy.reviewDate` the policy itself promises.
 */
export function reviewPlan(releases: readonly Release[], settings: Organisation["policy"]): ReviewPlan | undefined {
  const first = releases[0];
  if (!first) return undefined;
  const lastReview = releases
    .flatMap((release) => release.reviews.map((review) => review.date))
    .reduce((latest, date) => (date > latest ? date : latest), first.date);
  const inFirstYear = lastReview < addMonths(first.date, 12);
  const interval = inFirstYear ? settings.reviewSchedule.firstYear : settings.reviewSchedule.thereafter;
  const scheduled = addMonths(lastReview, INTERVAL_MONTHS[interval]);
  const setByReviewDate = settings.reviewDate < scheduled;
  return {
    firstRelease: first.date,
    lastReview,
    interval,
    nextReview: setByReviewDate ? settings.reviewDate : scheduled,
    setByReviewDate,
  };
}

/** A calendar date (YYYY-MM-DD) some months on; the 31st becomes the month's last day when it has none. */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
