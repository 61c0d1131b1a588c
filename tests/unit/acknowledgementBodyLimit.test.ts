import { describe, expect, it } from "vitest";
import {
  acknowledgementBodyLimit,
  largestAcknowledgement,
  largestAcknowledgementBytes,
  longestPath,
} from "../../src/course/largestAcknowledgement.ts";
import { ACKNOWLEDGEMENT_FIELD_MAX, AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import type { Scenario } from "../../src/schemas/scenario.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { genuineOnboardingBody } from "../support/genuineBody.ts";

const bytes = (value: unknown, indent?: number) => Buffer.byteLength(JSON.stringify(value, null, indent));
const courses = [shippedCourse("onboarding"), shippedCourse("refresher")];
const onboarding = courses[0] ?? shippedCourse();
const largest = largestAcknowledgement(onboarding);
const limit = acknowledgementBodyLimit(courses);

describe("the largest acknowledgement the shipped course can send", () => {
  it("is a body the schema accepts, with every scenario of the course", () => {
    expect(AcknowledgementBodySchema.safeParse(largest).success).toBe(true);
    expect(largest.result.scenarios.map((s) => s.id)).toEqual(onboarding.scenarios.map((s) => s.id));
  });

  it("has each bounded field at the schema's longest: one character more is refused", () => {
    const learner = largest.learner ?? { name: "", email: "", employeeId: "" };
    const longer: [string, unknown][] = [
      ["attemptId", { ...largest, attemptId: `${largest.attemptId}a` }],
      [
        "learner.name",
        { ...largest, learner: { ...learner, name: `${learner.name}a` }, typedName: `${learner.name}a` },
      ],
      ["learner.email", { ...largest, learner: { ...learner, email: `a${learner.email}` } }],
      ["learner.employeeId", { ...largest, learner: { ...learner, employeeId: `${learner.employeeId}a` } }],
      ["result.attempt", { ...largest, result: { ...largest.result, attempt: ACKNOWLEDGEMENT_FIELD_MAX.attempt + 1 } }],
    ];
    for (const [field, body] of longer) {
      const parsed = AcknowledgementBodySchema.safeParse(body);
      expect(parsed.success, field).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
    }
  });

  it("plays each scenario along its longest path", () => {
    // A scenario whose paths are 1, 2 and 3 choices long.
    const scenario = {
      start: "a",
      nodes: {
        a: { type: "question", choices: [{ next: "end" }, { next: "b" }, { next: "c" }] },
        b: { type: "question", choices: [{ next: "end" }] },
        c: { type: "question", choices: [{ next: "b" }, { next: "end" }] },
        end: { type: "end" },
      },
    } as unknown as Scenario;
    expect(longestPath(scenario)).toBe(3);
    expect(Math.max(...largest.result.scenarios.map((s) => s.outcomes.length))).toBeGreaterThanOrEqual(3);
  });
});

describe("the acknowledgement body limit", () => {
  it("fits the largest body even indented, and is not much more: far below the 64 KB it replaces", () => {
    expect(largestAcknowledgementBytes(courses)).toBe(bytes(largest)); // the onboarding course is the larger
    expect(bytes(largest, 2)).toBeLessThanOrEqual(limit);
    expect(limit).toBeLessThanOrEqual(2 * bytes(largest) + 1024);
    expect(limit % 1024).toBe(0);
    expect(limit).toBeLessThan(16 * 1024);
  });

  it("leaves a full genuine onboarding acknowledgement well inside it", () => {
    const body = genuineOnboardingBody(onboarding, "fullcourse01");
    expect(AcknowledgementBodySchema.safeParse(body).success).toBe(true);
    expect(body.result.scenarios).toHaveLength(onboarding.scenarios.length);
    expect(bytes(body)).toBeLessThan(limit / 2);
  });

  it("grows with the course: more scenarios, a larger limit", () => {
    const bigger = { ...onboarding, scenarios: [...onboarding.scenarios, ...onboarding.scenarios] };
    expect(acknowledgementBodyLimit([bigger])).toBeGreaterThan(limit);
  });
});
