import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../support/build.ts";
import { copyContent, copyFolder, editFile } from "../support/contentFixture.ts";

const outDirs: string[] = [];
afterEach(() => {
  for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Builds from a content copy into a throwaway folder, so that dist/ is never touched. */
function buildWith(contentDir: string, scenariosDir = "scenarios") {
  const outDir = mkdtempSync(path.join(tmpdir(), "aup-build-"));
  outDirs.push(outDir);
  return runBuild({ AUP_CONTENT_DIR: contentDir, AUP_SCENARIOS_DIR: scenariosDir }, ["--outDir", outDir]);
}

describe("production build content check", () => {
  it("fails when a placeholder is left in organisation.yaml, naming the file, the field and what to write", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("email: security@kestrel.example", 'email: "[INCIDENT CONTACT EMAIL]"'),
    );
    const build = buildWith(dir);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(
      `${dir}/organisation.yaml: contacts.incidents.email is still a placeholder ("[INCIDENT CONTACT EMAIL]"). Write the email address of the team that takes incident reports`,
    );
    expect(build.output).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // a content mistake is not shown as a crash
  });

  it("fails when a required value is missing, and lists every problem at once", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace(/^ {2}policyOwner: .*\n/m, "").replace("highestAllowed: Confidential", "highestAllowed: Top Secret"),
    );
    const build = buildWith(dir);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain("roles.policyOwner is missing. Write the role that maintains this policy");
    expect(build.output).toContain("dataClassification.highestAllowed");
  });

  it("fails when a scenario is broken, naming the file, the node and the fix", () => {
    const build = buildWith("content", "tests/fixtures/scenarios");
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(
      `tests/fixtures/scenarios/broken-graph.yaml: node "first" choice 1 points to missing node "q9". Add node "q9" or change the choice's next.`,
    );
    expect(build.output).toContain(`tests/fixtures/scenarios/not-yaml.yaml: line 4 is not valid YAML`);
  });

  it("fails when a clause is untaught, opted out of sections 2 to 7, or answers too many questions, naming the clause and the fix", () => {
    const content = copyContent();
    editFile(content, "policy/06-intellectual-property.md", (text) =>
      text.replace(/\n---\n/, '\nuntaught:\n  "6.2": Taught in the legal team\'s own course.\n---\n'),
    );
    const scenarios = copyFolder("scenarios");
    rmSync(path.join(scenarios, "training-course-from-a-book.yaml")); // the only scenario whose correct choices cite 6.2
    const roast = readFileSync(path.join(scenarios, "claude-declines-the-roast.yaml"), "utf8");
    for (const copy of ["roast-copy-one", "roast-copy-two"])
      writeFileSync(
        path.join(scenarios, `${copy}.yaml`),
        roast.replace("id: claude-declines-the-roast", `id: ${copy}`),
      );
    const build = buildWith(content, scenarios);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(
      `policy/06-intellectual-property.md: untaught "6.2" opts a rule out of the course, but every clause of sections 2 to 7 and of the addenda must be taught`,
    );
    expect(build.output).toContain(
      `policy/06-intellectual-property.md: clause 6.2 is not the clause of a correct choice in any scenario, so the course never shows it applied. Write a question whose correct choice cites "6.2"`,
    );
    expect(build.output).toMatch(
      /clause 4\.1 is the clause of 6 correct choices \(.*\), more than 5, so one rule answers too many questions\./,
    );
  });
});
