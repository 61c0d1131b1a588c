import { describe, expect, it } from "vitest";
import type { ProductAudience } from "../../src/course/courseDefinition.ts";
import { refresherPlan } from "../../src/course/refresher.ts";
import { shippedCourse } from "../support/courseFixture.ts";

const course = shippedCourse("refresher");
const audienceOf = (id: string) => course.scenarios.find((s) => s.id === id)?.audience;
const learners = Array.from({ length: 60 }, (_, i) => `e-${1000 + i}`);

/** The audiences of every scenario drawn for the 60 learners this quarter, who use `audiences`. */
function drawnAudiences(audiences: ProductAudience[] | undefined): Set<string> {
  return new Set(
    learners.flatMap((learnerId) =>
      refresherPlan(course, { learnerId, quarter: "2027-Q1", audiences }).map((id) => audienceOf(id) ?? "?"),
    ),
  );
}

describe("the refresher draws from the learner's products", () => {
  it("gives a learner of no agent product (or of unknown products) none of the products' scenarios", () => {
    expect(course.productAudiences).toEqual(["claude-code", "cowork"]);
    for (const audiences of [[], undefined]) {
      const drawn = drawnAudiences(audiences);
      expect(drawn.has("claude-code")).toBe(false);
      expect(drawn.has("cowork")).toBe(false);
      expect(drawn.has("everyone")).toBe(true);
    }
  });

  it("gives a Claude Code user Claude Code scenarios among the rest, and never Cowork's", () => {
    const drawn = drawnAudiences(["claude-code"]);
    expect(drawn.has("claude-code")).toBe(true);
    expect(drawn.has("cowork")).toBe(false);
    expect(drawnAudiences(["claude-code", "cowork"]).has("cowork")).toBe(true);
  });

  it("keeps the quiz's size and the same quiz for the same learner and quarter", () => {
    const plan = refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] });
    expect(plan).toHaveLength(course.refresherSize);
    expect(refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] })).toEqual(plan);
  });
});
