import { describe, expect, it } from "vitest";
import { acknowledgeWording } from "../../src/components/course/acknowledgeWording.ts";
import { shippedCourse } from "../support/courseFixture.ts";

const onboarding = shippedCourse("onboarding");
const refresher = shippedCourse("refresher");
// An update course as a material release publishes it: from the version the learner acknowledged last.
const update = {
  ...onboarding,
  mode: "update" as const,
  policy: { ...onboarding.policy, version: "1.1.0" },
  update: { from: "1.0.0", fromHash: "a".repeat(64), to: "1.1.0", changes: [] },
};

describe("what the learner signs, in each mode's own words", () => {
  it("has onboarding's learner acknowledge a policy they have read", () => {
    expect(acknowledgeWording(onboarding)).toEqual({
      title: "Acknowledge the policy",
      confirms: `have read ${onboarding.organisationName}'s Acceptable Use Policy for Claude and understood it;`,
      button: "I acknowledge the policy",
      nextStep: "acknowledge the policy",
    });
  });

  it("has a refresher's learner say they still follow it, not that they read it", () => {
    const wording = acknowledgeWording(refresher);
    expect(wording.title).toBe("Confirm this quarter's refresher");
    expect(wording.confirms).toBe(
      `have taken this quarter's refresher on ${refresher.organisationName}'s Acceptable Use Policy for Claude and know its rules as they stand;`,
    );
    expect(wording.button).toBe("I still follow the policy");
    expect(wording.nextStep).toBe("confirm that you still follow the policy");
  });

  it("has an update's learner accept the new version, having read what changed", () => {
    const wording = acknowledgeWording(update);
    expect(wording.title).toBe("Accept version 1.1.0");
    expect(wording.confirms).toBe(
      `have read what changed in ${update.organisationName}'s Acceptable Use Policy for Claude since version 1.0.0, and accept version 1.1.0;`,
    );
    expect(wording.button).toBe("I accept version 1.1.0");
    expect(wording.nextStep).toBe("accept version 1.1.0");
  });

  it("never puts onboarding's words in a refresher's or an update's mouth, nor in its result step's", () => {
    for (const course of [refresher, update]) {
      const { title, confirms, button, nextStep } = acknowledgeWording(course);
      expect([title, confirms, button, nextStep].join(" ")).not.toMatch(
        /I have read|understood|acknowledge the policy/i,
      );
    }
  });
});
