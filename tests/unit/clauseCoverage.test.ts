import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPolicy } from "../../src/policy/loadPolicy.ts";
import { loadOrganisation } from "../../src/policy/organisation.ts";
import { publish } from "../../src/published/published.ts";
import { clauseCoverage, MAX_CORRECT_PER_CLAUSE } from "../../src/scenarios/clauseCoverage.ts";
import { checkScenarioFiles } from "../../src/scenarios/loadScenarios.ts";
import type { Scenario } from "../../src/schemas/scenario.ts";
import { copyContent, copyFolder, editFile } from "../support/contentFixture.ts";

/** Whether a node is a question with a correct choice citing `id`. */
const teaches = (id: string) => (node: Scenario["nodes"][string]) =>
  node.type === "question" && node.choices.some((choice) => choice.outcome === "correct" && choice.clause === id);

/** The clauses of the shipped policy (every addendum, on or off) and the shipped bank, as a build reads them. */
function shipped(contentDir = "content", scenariosDir = "scenarios") {
  const { teachable } = readPolicy(contentDir, loadOrganisation(contentDir), { mode: "preview" });
  const { checked } = checkScenarioFiles({ contentDir, scenariosDir, mode: "preview" });
  return { teachable, checked, coverage: clauseCoverage(checked, teachable, scenariosDir) };
}

describe("clause coverage of the shipped bank", () => {
  const { teachable, checked, coverage } = shipped();

  it("holds at least 30 scenarios and teaches every clause that does not opt out, addenda included", () => {
    expect(checked.length).toBeGreaterThanOrEqual(30);
    expect(coverage.problems).toEqual([]);
    const untaught = teachable.filter(({ id }) => !coverage.taught.get(id)?.length).map(({ id }) => id);
    expect(untaught).toEqual([...coverage.optedOut.keys()]);
    for (const prefix of ["FIN", "HEA", "LEG"])
      expect(teachable.filter(({ id }) => id.startsWith(`${prefix}.`)).length).toBeGreaterThan(0);
  });

  it("teaches every clause of sections 2 to 7, and sections 1 and 8 but for the clauses that give a reason", () => {
    for (const { id } of teachable.filter(({ id }) => /^[2-7]\./.test(id)))
      expect(coverage.taught.get(id)?.length, id).toBeGreaterThan(0);
    for (const section of ["1", "8"])
      expect(
        teachable.filter(({ id }) => id.startsWith(`${section}.`) && coverage.taught.get(id)?.length).length,
      ).toBeGreaterThan(1);
    for (const [id, reason] of coverage.optedOut) {
      expect(id).toMatch(/^[18]\./);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it(`has at most ${MAX_CORRECT_PER_CLAUSE} correct answers for any clause, and at least two scenarios per addendum`, () => {
    for (const [id, questions] of coverage.taught)
      expect(questions.length, id).toBeLessThanOrEqual(MAX_CORRECT_PER_CLAUSE);
    for (const audience of ["financial-services", "healthcare", "legal"])
      expect(checked.filter((s) => s.audience === audience).length, audience).toBeGreaterThanOrEqual(2);
  });

  it("reports itself in one line for the build log", () => {
    expect(publish({ contentDir: "content", scenariosDir: "scenarios" }).coverage).toBe(coverage.summary);
    expect(coverage.summary).toMatch(
      /^\d+ of \d+ clauses taught by a correct choice, 3 opted out \(1\.3, 8\.1, 8\.2\)$/,
    );
  });
});

describe("the coverage check", () => {
  it("names a clause no correct choice teaches, in its policy file, with the fix", () => {
    const scenarios = copyFolder("scenarios");
    rmSync(path.join(scenarios, "training-course-from-a-book.yaml"));
    rmSync(path.join(scenarios, "copied-library-code.yaml"));
    const { coverage } = shipped("content", scenarios);
    expect(coverage.problems).toEqual([
      {
        file: "content/policy/06-intellectual-property.md",
        location: "clause 6.2",
        message:
          'is not the clause of a correct choice in any scenario, so the course never shows it applied. Write a question whose correct choice cites "6.2": a rule of sections 2 to 7 or of an addendum cannot be listed under untaught.',
      },
      expect.objectContaining({ location: "clause 6.4" }),
    ]);
  });

  it("accepts a clause of section 1 or 8 without a scenario once its file gives the reason", () => {
    const content = copyContent();
    editFile(content, "policy/08-review-and-governance.md", (text) =>
      text.replace(/\nuntaught:\n/, '\nuntaught:\n  "8.4": Acknowledging is what the course itself asks.\n'),
    );
    const { teachable, checked } = shipped(content);
    const withoutIt = checked.filter((s) => !Object.values(s.nodes).some(teaches("8.4")));
    expect(withoutIt.length).toBeLessThan(checked.length);
    const coverage = clauseCoverage(withoutIt, teachable, "scenarios");
    expect(coverage.problems.filter(({ location }) => location === "clause 8.4")).toEqual([]);
    expect(coverage.optedOut.get("8.4")).toBe("Acknowledging is what the course itself asks.");
  });

  it("refuses an opt-out of a rule of sections 2 to 7 or of an addendum, switched on or not, and still asks for its scenario", () => {
    const content = copyContent();
    const reason = "Taught in the legal team's own course this year.";
    editFile(content, "policy/06-intellectual-property.md", (text) =>
      text.replace(/\n---\n/, `\nuntaught:\n  "6.2": ${reason}\n---\n`),
    );
    editFile(content, "policy/addenda/financial-services.md", (text) =>
      text.replace(/\n---\n/, `\nuntaught:\n  "FIN.1": ${reason}\n---\n`),
    );
    editFile(content, "policy/addenda/healthcare.md", (text) =>
      text.replace(/\n---\n/, `\nuntaught:\n  "HEA.1": ${reason}\n---\n`),
    );
    const { policy, teachable } = readPolicy(content, loadOrganisation(content), { mode: "preview" });
    const refusal = (id: string) =>
      `opts a rule out of the course, but every clause of sections 2 to 7 and of the addenda must be taught: the learner acknowledges it. Write a question whose correct choice cites "${id}", then remove the entry.`;
    expect(policy.problems).toContainEqual({
      file: `${content}/policy/06-intellectual-property.md`,
      location: 'untaught "6.2"',
      message: refusal("6.2"),
    });
    expect(policy.problems).toContainEqual({
      file: `${content}/policy/addenda/financial-services.md`,
      location: 'untaught "FIN.1"',
      message: refusal("FIN.1"),
    });
    // Healthcare is switched off, so its problems do not block the build; its clauses still need scenarios.
    const { checked } = checkScenarioFiles({ contentDir: content, scenariosDir: "scenarios", mode: "preview" });
    const withoutThem = checked.filter(
      (s) => !Object.values(s.nodes).some((node) => teaches("6.2")(node) || teaches("HEA.1")(node)),
    );
    const coverage = clauseCoverage(withoutThem, teachable, "scenarios");
    expect(coverage.optedOut.size).toBe(3);
    for (const id of ["6.2", "HEA.1"])
      expect(coverage.problems.find(({ location }) => location === `clause ${id}`)?.message).toContain(
        `cites "${id}": a rule of sections 2 to 7 or of an addendum cannot be listed under untaught.`,
      );
  });

  it("refuses an opt-out that names a clause its file does not have", () => {
    const content = copyContent();
    editFile(content, "policy/06-intellectual-property.md", (text) =>
      text.replace(/\n---\n/, '\nuntaught:\n  "3.9": A clause of another section.\n---\n'),
    );
    const { policy } = readPolicy(content, loadOrganisation(content), { mode: "preview" });
    expect(policy.problems).toContainEqual({
      file: `${content}/policy/06-intellectual-property.md`,
      location: 'untaught "3.9"',
      message:
        "names a clause this file does not have. Use the id of one of its clauses (6.1, 6.2, 6.3, 6.4) or remove the entry.",
    });
  });

  it(`names a clause that answers more than ${MAX_CORRECT_PER_CLAUSE} questions, and each of them`, () => {
    const scenarios = copyFolder("scenarios");
    // Copies of one scenario under new ids: its clauses now answer three times as many questions.
    const source = "claude-declines-the-roast";
    for (const copy of ["roast-copy-one", "roast-copy-two"]) {
      const text = readFileSync(path.join(scenarios, `${source}.yaml`), "utf8").replace(`id: ${source}`, `id: ${copy}`);
      writeFileSync(path.join(scenarios, `${copy}.yaml`), text);
    }
    const { coverage } = shipped("content", scenarios);
    const tooMany = coverage.problems.find(({ location }) => location === "clause 4.1");
    expect(tooMany?.file).toBe(scenarios);
    expect(tooMany?.message).toMatch(
      /^is the clause of 6 correct choices \(.*roast-copy-two\/guidance\), more than 5,/,
    );
    expect(tooMany?.message).toContain("Cite the more specific clause the choice applies in some of them");
  });
});
