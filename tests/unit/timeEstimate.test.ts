import { describe, expect, it } from "vitest";
import { buildCourseDefinition } from "../../src/course/courseDefinition.ts";
import { onboardingPlan } from "../../src/course/firstAttempt.ts";
import { keyRulesOf } from "../../src/course/keyRules.ts";
import {
  formatMinutes,
  keyRulesMinutes,
  policyMinutes,
  scenarioMinutes,
  SECONDS_PER_DECISION,
  totalMinutes,
  wordCount,
  WORDS_PER_MINUTE,
} from "../../src/course/timeEstimate.ts";
import { countOf } from "../../src/lib/plural.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import type { Scenario } from "../../src/schemas/scenario.ts";

const words = (n: number) => Array.from({ length: n }, () => "word").join(" ");

describe("the time estimate", () => {
  it("counts the words a learner reads, not the markup", () => {
    expect(wordCount("<p>Don&#39;t paste <strong>card numbers</strong> in.</p>\n<ul><li>2.6</li></ul>")).toBe(6);
    expect(wordCount("  — ")).toBe(0);
  });

  it("times a scenario along its quickest and slowest paths: situation, labels, feedback, a decision each, debrief", () => {
    // a: 100 words of situation, labels of 10 each; "short" ends (feedback 20), "long" goes on to b (feedback 40).
    // b: 200 words, one label of 10, feedback 30. The end: 60 words of debrief.
    const scenario = {
      id: "timed",
      title: "Timed",
      summary: "A scenario small enough to time by hand.",
      audience: "everyone",
      clauses: ["3.1"],
      start: "a",
      nodes: {
        a: {
          type: "question",
          situation: words(100),
          choices: [
            { label: words(10), next: "end", outcome: "correct", clause: "3.1", feedback: words(20) },
            { label: words(10), next: "b", outcome: "incorrect", clause: "3.1", feedback: words(40) },
          ],
        },
        b: {
          type: "question",
          situation: words(200),
          choices: [
            { label: words(10), next: "end", outcome: "correct", clause: "3.1", feedback: words(30) },
            { label: words(10), next: "end", outcome: "incorrect", clause: "3.1", feedback: words(30) },
          ],
        },
        end: { type: "end", debrief: words(60) },
      },
    } satisfies Scenario;
    const decision = SECONDS_PER_DECISION / 60;
    const { low, high } = scenarioMinutes(scenario);
    expect(low).toBeCloseTo((100 + 20 + 20 + 60) / WORDS_PER_MINUTE + decision, 10);
    expect(high).toBeCloseTo((100 + 20 + 40 + 200 + 20 + 30 + 60) / WORDS_PER_MINUTE + 2 * decision, 10);
  });

  it("says the time in whole minutes, in fives from a quarter of an hour, with the plural the count needs", () => {
    expect(formatMinutes({ low: 0.2, high: 0.9 })).toBe("about 1 minute");
    expect(formatMinutes({ low: 9.2, high: 12.4 })).toBe("about 9 to 13 minutes");
    expect(formatMinutes({ low: 41, high: 53 })).toBe("about 40 to 55 minutes");
    expect(formatMinutes({ low: 20, high: 20 })).toBe("about 20 minutes");
    expect(countOf(1, "short situation")).toBe("1 short situation");
    expect(countOf(5, "short situation")).toBe("5 short situations");
    expect(countOf(1200, "record")).toBe("1,200 records");
  });
});

describe("the time each course page shows", () => {
  const policy = loadPolicy();
  const bank = loadScenarios().scenarios;
  const onboarding = buildCourseDefinition(policy, bank, "onboarding");
  const minutesOf = (text: string | undefined) => (text ?? "").match(/\d+/g)?.map(Number) ?? [];

  it("has one for each choice of products, longer for each product ticked", () => {
    expect(Object.keys(onboarding.duration).sort()).toEqual([
      "",
      "claude-api",
      "claude-code",
      "claude-code claude-api",
      "claude-code cowork",
      "claude-code cowork claude-api",
      "cowork",
      "cowork claude-api",
    ]);
    const [none = 0] = minutesOf(onboarding.duration[""]);
    for (const product of onboarding.productAudiences)
      expect(minutesOf(onboarding.duration[product])[0], product).toBeGreaterThan(none);
    const [one = 0] = minutesOf(onboarding.duration["claude-code"]);
    const [all = 0] = minutesOf(onboarding.duration["claude-code cowork claude-api"]);
    expect(all).toBeGreaterThan(one);
    expect(onboarding.intro).toContain(`(version ${policy.version})`);
  });

  it("counts the key rules the policy step asks the learner to read, not the full text one click away", () => {
    const rules = keyRulesOf(policy.sections);
    expect(onboarding.policy.keyRules).toEqual(rules);
    expect(rules.map((r) => r.id)).toEqual(
      policy.sections.flatMap((s) => s.clauses.filter((c) => c.critical).map((c) => c.id)),
    );
    const ruleWords = rules.reduce((n, r) => n + wordCount(r.summary), 0);
    expect(keyRulesMinutes(rules)).toBeCloseTo(ruleWords / WORDS_PER_MINUTE, 10);
    // Reading every clause would be most of the course on its own.
    expect(keyRulesMinutes(rules) * 10).toBeLessThan(policyMinutes(policy.sections));
  });

  it("takes a learner without agent products about 30 minutes, at least 20 of them in scenarios", () => {
    const played = onboardingPlan(onboarding, {}).map((id) => onboarding.scenarios.find((s) => s.id === id));
    const scenarios = totalMinutes(played.map((s) => (s ? scenarioMinutes(s) : { low: 0, high: 0 })));
    const whole = totalMinutes([scenarios], keyRulesMinutes(keyRulesOf(policy.sections)));
    expect(scenarios.low).toBeGreaterThanOrEqual(20);
    expect(whole.high).toBeLessThanOrEqual(35);
    expect(onboarding.duration[""]).toBe(formatMinutes(whole));
    const [from = 0, to = from] = minutesOf(onboarding.duration[""]);
    expect(from).toBeGreaterThanOrEqual(20);
    expect(to).toBeLessThanOrEqual(35);
  });

  it("follows the content: a smaller bank takes less time", () => {
    const smaller = buildCourseDefinition(policy, bank.slice(0, 10), "onboarding");
    expect(minutesOf(smaller.duration[""])[0]).toBeLessThan(minutesOf(onboarding.duration[""])[0] ?? 0);
  });

  it("gives the refresher the time of its quiz in its intro, with the quiz's size in words that agree with it", () => {
    const refresher = buildCourseDefinition(policy, bank, "refresher");
    expect(Object.keys(refresher.duration)).toEqual([""]);
    const [low = 0, high = low] = minutesOf(refresher.duration[""]);
    expect(low).toBeGreaterThanOrEqual(refresher.refresherSize); // at least a minute a scenario
    // Rounded to fives, the refresher's slowest way through takes no longer than the onboarding's quickest.
    expect(high).toBeLessThanOrEqual(minutesOf(onboarding.duration[""])[0] ?? 0);
    expect(refresher.intro).toBe(
      `${refresher.refresherSize} short situations, picked for you this quarter: allow ${refresher.duration[""]}.`,
    );
  });
});
