import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/lib/contentProblem.ts";
import { countOf } from "../../src/lib/plural.ts";
import { reviewNotice } from "../../src/review/reviewNotice.ts";
import type { ReviewPlan } from "../../src/review/reviewSchedule.ts";
import { tooManySignInsMessage } from "../../src/server/signInLimit.ts";

const plan = (nextReview: string): ReviewPlan => ({
  firstRelease: "2026-01-05",
  lastReview: "2026-01-05",
  interval: "annual",
  nextReview,
  setByReviewDate: false,
});

describe("counts in messages take the form Intl.PluralRules gives them", () => {
  it("says 1 second, 1 day, 1 problem, and the plural for every other count", () => {
    expect(countOf(1, "second")).toBe("1 second");
    expect(countOf(0, "second")).toBe("0 seconds");
    expect(countOf(1200, "business day")).toBe("1,200 business days");
    expect(tooManySignInsMessage(1)).toContain("sign-in is paused for 1 second.");
    expect(tooManySignInsMessage(42)).toContain("sign-in is paused for 42 seconds.");
    const today = new Date("2026-12-01T09:00:00Z");
    expect(reviewNotice(plan("2026-12-02"), today).message).toContain("due on 2026-12-02, in 1 day ");
    expect(reviewNotice(plan("2026-12-03"), today).message).toContain("in 2 days ");
    expect(reviewNotice(plan("2026-11-30"), today).message).toContain(", 1 day ago");
    const problem = { file: "content/organisation.yaml", message: "is wrong" };
    expect(new ContentError([problem]).message).toMatch(/^Content has 1 problem:/);
    expect(new ContentError([problem, problem]).message).toMatch(/^Content has 2 problems:/);
  });
});
