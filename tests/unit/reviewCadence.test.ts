import { describe, expect, it } from "vitest";
import { reviewNotice } from "../../src/review/reviewNotice.ts";
import { addMonths, reviewPlan } from "../../src/review/reviewSchedule.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { readReleases } from "../../src/releases/releaseFiles.ts";
import type { Release } from "../../src/schemas/release.ts";

const [shipped] = readReleases("content").releases as [Release];
const settings = loadPolicy().organisation.policy;
// Far-off review-by date, so that the schedule alone sets the next review in these cases.
const schedule = { ...settings, reviewDate: "2099-01-01" };
const reviewedOn = (...dates: string[]): Release[] => [
  { ...shipped, date: dates[0]!, reviews: dates.map((date) => ({ date, note: "Reviewed." })) },
];
const on = (day: string) => new Date(`${day}T09:30:00Z`);

describe("review cadence", () => {
  it("is quarterly for the first 12 months after the first release, then annual", () => {
    expect(reviewPlan(reviewedOn("2026-01-05"), schedule)).toMatchObject({
      interval: "quarterly",
      nextReview: "2026-04-05",
    });
    expect(reviewPlan(reviewedOn("2026-01-05", "2026-10-05"), schedule)).toMatchObject({
      interval: "quarterly",
      nextReview: "2027-01-05",
    });
    // The review at 12 months is the first of the annual ones.
    expect(reviewPlan(reviewedOn("2026-01-05", "2026-10-05", "2027-01-05"), schedule)).toMatchObject({
      interval: "annual",
      nextReview: "2028-01-05",
    });
  });

  it("counts the latest review of any release, and never goes past the policy's own review-by date", () => {
    const later: Release = {
      ...shipped,
      version: "1.1.0",
      date: "2026-03-01",
      reviews: [{ date: "2026-03-01", note: "x" }],
    };
    expect(reviewPlan([...reviewedOn("2026-01-05"), later], schedule)?.nextReview).toBe("2026-06-01");
    expect(reviewPlan(reviewedOn("2026-01-05"), { ...schedule, reviewDate: "2026-02-01" })).toMatchObject({
      nextReview: "2026-02-01",
      setByReviewDate: true,
    });
  });

  it("follows policy.reviewSchedule when the organisation sets another cadence", () => {
    const halfYearly = { ...schedule, reviewSchedule: { firstYear: "half-yearly", thereafter: "quarterly" } } as const;
    expect(reviewPlan(reviewedOn("2026-01-05"), halfYearly)?.nextReview).toBe("2026-07-05");
    expect(reviewPlan(reviewedOn("2026-01-05", "2027-02-01"), halfYearly)?.nextReview).toBe("2027-05-01");
  });

  it("warns within 30 days of the review and says plainly when it is overdue, at each point (injected clock)", () => {
    const plan = reviewPlan(reviewedOn("2026-01-05"), schedule)!; // next review 2026-04-05
    expect(reviewNotice(plan, on("2026-03-05"))).toMatchObject({ level: "ok", days: 31 });
    expect(reviewNotice(plan, on("2026-03-05")).message).toBe(
      "Next policy review: 2026-04-05 (quarterly; last review 2026-01-05).",
    );
    expect(reviewNotice(plan, on("2026-03-06"))).toMatchObject({ level: "due-soon", days: 30 });
    expect(reviewNotice(plan, on("2026-03-06")).message).toContain(
      "The policy review is due on 2026-04-05, in 30 days",
    );
    expect(reviewNotice(plan, on("2026-04-04")).message).toContain("in 1 day (last review 2026-01-05)");
    expect(reviewNotice(plan, on("2026-04-05"))).toMatchObject({ level: "due-soon", days: 0 });
    expect(reviewNotice(plan, on("2026-04-05")).message).toContain("due on 2026-04-05, today");
    const overdue = reviewNotice(plan, on("2026-04-07"));
    expect(overdue).toMatchObject({ level: "overdue", days: -2 });
    expect(overdue.message).toBe(
      'The policy review is overdue: it was due on 2026-04-05, 2 days ago (last review 2026-01-05). Review the policy now, then record it with npm run release -- --minor --note "Reviewed: …" (a changed text needs a new policy.version first).',
    );
  });

  it("has no plan before the first release", () => {
    expect(reviewPlan([], schedule)).toBeUndefined();
  });

  it("adds months on the calendar, keeping to the month's last day", () => {
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 12)).toBe("2027-12-15");
  });
});
