import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../support/build.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

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
});
