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
  it("gives a learner of none of the products (or of unknown products) none of the products' scenarios", () => {
    expect(course.productAudiences).toEqual(["claude-code", "cowork", "claude-api"]);
    for (const audiences of [[], undefined]) {
      const drawn = drawnAudiences(audiences);
      for (const product of course.productAudiences) expect(drawn.has(product)).toBe(false);
      expect(drawn.has("everyone")).toBe(true);
    }
  });

  it("gives each product's users that product's scenarios among the rest, and never another product's", () => {
    for (const product of course.productAudiences) {
      const drawn = drawnAudiences([product]);
      expect(drawn.has(product), product).toBe(true);
      for (const other of course.productAudiences.filter((p) => p !== product))
        expect(drawn.has(other), `${other} for a user of ${product}`).toBe(false);
    }
    expect(drawnAudiences(["claude-code", "cowork"]).has("cowork")).toBe(true);
  });

  it("keeps the quiz's size and the same quiz for the same learner and quarter", () => {
    const plan = refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] });
    expect(plan).toHaveLength(course.refresherSize);
    expect(refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] })).toEqual(plan);
  });
});
