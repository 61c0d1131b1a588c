import { describe, expect, it } from "vitest";
import { coworkOnboardingMessage } from "../../src/deployment/onboardingMessage.ts";
import {
  countWords,
  SYSTEM_PROMPT_MAX_WORDS,
  systemPromptProblems,
  systemPromptSummary,
} from "../../src/deployment/systemPrompt.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

describe("the system-prompt summary", () => {
  const policy = loadPolicy();
  const summary = systemPromptSummary(policy);

  it("is at most 120 words, in the second person, with the organisation's values filled in", () => {
    expect(summary.words).toBe(countWords(summary.text));
    expect(summary.words).toBeLessThanOrEqual(SYSTEM_PROMPT_MAX_WORDS);
    const opening = `This Claude instance is for internal use at Kestrel Example Group (Acceptable Use Policy ${policy.version}). You, user and Claude alike,`;
    expect(summary.text.slice(0, opening.length)).toBe(opening);
    expect(summary.text).toContain(
      "- Never enter cardholder data, government identifiers, biometric data, credentials or anything classified Restricted or Secret. (3.1)",
    );
    expect(summary.text).toContain(
      "ask the AI Governance Office (ai-governance@kestrel.example) before you act. (7.3)",
    );
    expect(summary.text).toContain("to security@kestrel.example within 24 hours. (5.5)");
    expect(summary.text).not.toMatch(/\{\{|\[[a-z]+\.[a-z]/); // no placeholder, filled or unfilled
    expect(systemPromptProblems(summary, "content/policy")).toEqual([]);
  });

  it("carries exactly the clauses marked critical, in policy order", () => {
    const critical = policy.sections.flatMap((s) => s.clauses.filter((c) => c.critical).map((c) => c.id));
    expect(summary.clauses).toEqual(critical);
    expect(critical).toEqual(["2.6", "3.1", "3.3", "3.4", "5.3", "5.5", "5.6", "7.3"]);
  });

  it("fails the content check when a critical clause has no one-line summary", () => {
    const dir = copyContent();
    editFile(dir, "policy/05-agentic-ai-controls.md", (t) =>
      t.replace(/( {2}"5\.6":\n {4}critical: true\n) {4}summary: .*\n/, "$1"),
    );
    expect(() => loadPolicy({ contentDir: dir })).toThrow(
      "05-agentic-ai-controls.md: clauses.5.6 is marked critical: true but has no summary. Write its rule in one line",
    );
  });

  it("refuses a summary over 120 words, naming the clauses to shorten", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace(
        "name: Kestrel Example Group",
        "name: Kestrel Example Group of Companies, Partnerships and Affiliated Entities",
      ),
    );
    const long = systemPromptSummary(loadPolicy({ contentDir: dir }));
    expect(long.words).toBeGreaterThan(SYSTEM_PROMPT_MAX_WORDS);
    expect(systemPromptProblems(long, "content/policy")).toEqual([
      {
        file: "content/policy",
        message: `makes a system-prompt summary of ${long.words} words, over the 120 a deployment keeps in full. Shorten the summaries of the critical clauses (2.6, 3.1, 3.3, 3.4, 5.3, 5.5, 5.6, 7.3) or mark fewer clauses critical.`,
      },
    ]);
  });

  it("counts words as a reader does", () => {
    expect(countWords("- Review every output. (2.6)")).toBe(3);
  });
});

describe("the Cowork admin onboarding message", () => {
  it("points new users to the course and the policy, with the contacts filled in", () => {
    const message = coworkOnboardingMessage(loadPolicy(), "https://aup.kestrel.example/");
    expect(message).toContain("Welcome to Claude Cowork at Kestrel Example Group.");
    expect(message).toContain("take the Acceptable Use Policy course at https://aup.kestrel.example/course");
    expect(message).toContain("Read the policy itself at https://aup.kestrel.example/policy.");
    expect(message).toContain("Ask the AI Governance Office (ai-governance@kestrel.example) first.");
    expect(message).toContain(
      "Report incidents and unintended agent actions to the IT Security Service Desk (security@kestrel.example) within 24 hours.",
    );
    expect(coworkOnboardingMessage(loadPolicy())).toContain("course at /course on the policy site");
  });
});
