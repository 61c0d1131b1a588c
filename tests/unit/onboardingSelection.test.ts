import path from "node:path";
import { describe, expect, it } from "vitest";
import { onboardingPlan } from "../../src/course/firstAttempt.ts";
import { publish } from "../../src/published/published.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import { copyFolder, editFile } from "../support/contentFixture.ts";

const dirs = { contentDir: path.resolve("content"), scenariosDir: path.resolve("scenarios") };

describe("the onboarding selection", () => {
  const { onboarding, refresher } = publish(dirs).courses;
  const refresherOnly = loadScenarios()
    .scenarios.filter((s) => s.refresherOnly)
    .map((s) => s.id);

  it("leaves the refresher-only scenarios to the refreshers, which draw from the whole bank", () => {
    expect(refresherOnly.length).toBeGreaterThan(0);
    const ids = (course: typeof onboarding) => course.scenarios.map((s) => s.id);
    for (const id of refresherOnly) expect(ids(onboarding), id).not.toContain(id);
    expect(ids(refresher).filter((id) => refresherOnly.includes(id)).length).toBeGreaterThan(0);
    expect(refresher.scenarios.length).toBeGreaterThanOrEqual(30);
  });

  it("still teaches a learner without agent products every section but the agents' own", () => {
    const played = onboardingPlan(onboarding, {});
    const sections = new Set(
      onboarding.scenarios
        .filter((s) => played.includes(s.id))
        .flatMap((s) => Object.values(s.nodes))
        .flatMap((node) => (node.type === "question" ? node.choices : []))
        .filter((choice) => choice.outcome === "correct")
        .map((choice) => choice.clause.split(".")[0]),
    );
    expect([...sections].sort()).toEqual(["1", "2", "3", "4", "6", "7", "8", "FIN"]);
  });

  it("gives a developer who builds on the Claude API the help chat, which teaches section 5 for the tools they build", () => {
    expect(onboarding.productAudiences).toContain("claude-api");
    const without = onboardingPlan(onboarding, {});
    const played = onboardingPlan(onboarding, { audiences: ["claude-api"] });
    const added = played.filter((id) => !without.includes(id));
    expect(added).toEqual(["customer-help-chat"]);
    const correctSections = onboarding.scenarios
      .filter((s) => added.includes(s.id))
      .flatMap((s) => Object.values(s.nodes))
      .flatMap((node) => (node.type === "question" ? node.choices : []))
      .filter((choice) => choice.outcome === "correct")
      .map((choice) => choice.clause.split(".")[0]);
    expect(correctSections).toContain("5");
    // The prototype on a personal key is the API's refresher scenario.
    expect(refresherOnly).toContain("api-prototype-key");
    expect(refresher.scenarios.find((s) => s.id === "api-prototype-key")?.audience).toBe("claude-api");
  });

  it("fails the build when a section is taught only in refresher-only scenarios, naming the section", () => {
    const scenarios = copyFolder("scenarios");
    // The two scenarios whose correct choices cite section 1.
    for (const id of ["contractors-join-the-project", "new-policy-version"])
      editFile(scenarios, `${id}.yaml`, (text) => text.replace(/^audience: everyone$/m, "$&\nrefresherOnly: true"));
    const { problems } = publish({ contentDir: dirs.contentDir, scenariosDir: scenarios });
    expect(problems).toEqual([
      {
        file: scenarios,
        location: "section 1",
        message:
          "is taught in no onboarding question for a learner of no agent product, only in refresher-only scenarios. Take refresherOnly off a scenario whose correct choices cite a clause of section 1.",
      },
    ]);
  });
});
