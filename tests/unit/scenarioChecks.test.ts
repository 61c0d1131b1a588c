import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/lib/contentProblem.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";

const FIXTURES = "tests/fixtures/scenarios";

/** Loads one broken fixture on its own and lists its problems. */
function problemsOf(fixture: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-scenarios-"));
  copyFileSync(path.join(FIXTURES, fixture), path.join(dir, fixture));
  const { scenarios, problems } = loadScenarios({ scenariosDir: dir, mode: "preview" });
  expect(scenarios).toEqual([]); // a scenario with problems never reaches a learner
  return problems.map((problem) => formatProblem(problem).replace(dir, "<scenarios>"));
}

describe("scenario checks", () => {
  it("accepts every shipped scenario", () => {
    const { scenarios, problems } = loadScenarios({ mode: "preview" });
    expect(problems.map(formatProblem)).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(16);
  });

  it("reports every graph problem of a file at once, naming the node and the fix", () => {
    expect(problemsOf("broken-graph.yaml")).toMatchInlineSnapshot(`
      [
        "<scenarios>/broken-graph.yaml: node "first" choice 1 points to missing node "q9". Add node "q9" or change the choice's next.",
        "<scenarios>/broken-graph.yaml: node "second" offers no correct choice. Make at least one choice's outcome correct.",
        "<scenarios>/broken-graph.yaml: clauses cites clause "9.9", which the policy does not have. Use an existing clause id, e.g. "3.4".",
        "<scenarios>/broken-graph.yaml: clauses does not list "3.1", which a choice cites. Add it to clauses.",
        "<scenarios>/broken-graph.yaml: node "lonely" cannot be reached from start "first". Link a choice to it or remove it.",
        "<scenarios>/broken-graph.yaml: node "second" leads back to "first", making a loop. Every path must end: point it to a later node or an end node.",
      ]
    `);
  });

  it("reports what gives an answer away: labels of different sentence counts, a reason after a comma and a situation's own question", () => {
    // "e.g." and "14.8%" end no sentence; a quoted question at the end still counts as one.
    expect(problemsOf("giveaway-labels.yaml")).toMatchInlineSnapshot(`
      [
        "<scenarios>/giveaway-labels.yaml: node "ask" has choice labels of 1 and 2 sentences, which tells the answer apart. Write every label as the action alone and give the reason in its feedback, or give every label its reason.",
        "<scenarios>/giveaway-labels.yaml: node "ask" situation ends with a question, and the course asks "What do you do?" after it. End the situation with the facts.",
        "<scenarios>/giveaway-labels.yaml: node "quoted" situation ends with a question, and the course asks "What do you do?" after it. End the situation with the facts.",
        "<scenarios>/giveaway-labels.yaml: node "joined" has a label that gives its reason ("Forward it to the refunds team as it is, since they handle card complaints.") beside labels that give none, which tells the answer apart. Move the reason to the feedback, or give every label its reason.",
      ]
    `);
  });

  it("reports schema problems field by field", () => {
    expect(problemsOf("broken-schema.yaml")).toMatchInlineSnapshot(`
      [
        "<scenarios>/broken-schema.yaml: title is empty. Write the question the scenario asks, e.g. "Can I paste this client email into Claude?".",
        "<scenarios>/broken-schema.yaml: summary is missing. Write one sentence for the scenario list.",
        "<scenarios>/broken-schema.yaml: audience must be one of everyone, claude-code, cowork, claude-api, financial-services, healthcare, legal.",
        "<scenarios>/broken-schema.yaml: clauses item 1 is the number 3.4, not a clause id. Quote it: "3.4".",
        "<scenarios>/broken-schema.yaml: start must be a node id in kebab-case (lower-case words joined by -), e.g. ask-first.",
        "<scenarios>/broken-schema.yaml: node "start-here" choice 1 outcome must be one of correct, partial, incorrect.",
        "<scenarios>/broken-schema.yaml: node "start-here" choice 1 clause is the number 3.4, not a clause id. Quote it: "3.4".",
        "<scenarios>/broken-schema.yaml: node "start-here" choice 1 feedback is missing. Write why this choice is right or wrong, citing the clause.",
        "<scenarios>/broken-schema.yaml: node "start-here" choice 1 has unknown field "feedbak". Check the spelling; the fields are: label, next, outcome, clause, feedback.",
        "<scenarios>/broken-schema.yaml: node "start-here" choices needs at least 2 choices. Add another choice.",
        "<scenarios>/broken-schema.yaml: node "end" type needs type: question (with situation and choices) or type: end (with debrief).",
      ]
    `);
  });

  it("reports a YAML syntax error with its line", () => {
    expect(problemsOf("not-yaml.yaml")).toMatchInlineSnapshot(`
      [
        "<scenarios>/not-yaml.yaml: line 4 is not valid YAML (Missing closing "quote). Check the indentation, the colon after each key, and quote values that contain a colon or start with [ or {.",
      ]
    `);
  });

  it("reports a file name that differs from the id, and an unknown placeholder", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aup-scenarios-"));
    const source = readFileSync("scenarios/client-email-summary.yaml", "utf8");
    writeFileSync(path.join(dir, "renamed.yaml"), source.replace("{{organisation.name}}", "{{organisation.nmae}}"));
    const { problems } = loadScenarios({ scenariosDir: dir, mode: "preview" });
    expect(problems.map((p) => formatProblem(p).replace(dir, "<scenarios>"))).toMatchInlineSnapshot(`
      [
        "<scenarios>/renamed.yaml: id is "client-email-summary" but the file is renamed.yaml. Rename one so that they match.",
        "<scenarios>/renamed.yaml: node "inbox" situation uses the unknown placeholder {{organisation.nmae}}. Use a field of organisation.yaml, e.g. {{contacts.questions.email}}.",
      ]
    `);
  });
});
