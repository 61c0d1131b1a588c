import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../support/build.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";
import { removeClauses } from "../support/policyEdits.ts";
import { setVersion } from "../support/policyRelease.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

const outDirs: string[] = [];
afterEach(() => {
  for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Builds from a content copy into a throwaway folder, so that dist/ is never touched. */
function buildWith(contentDir: string) {
  const outDir = mkdtempSync(path.join(tmpdir(), "aup-build-"));
  outDirs.push(outDir);
  return runBuild({ AUP_CONTENT_DIR: contentDir }, ["--outDir", outDir]);
}

function expectRefused(build: { status: number | null; output: string }, message: string) {
  expect(build.status, build.output).not.toBe(0);
  expect(build.output).toContain(message);
  expect(build.output).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // the owner's mistake, not a crash
}

describe("the build's release and policy checks", () => {
  it("refuses a policy whose text changed while its version did not, naming the fix", () => {
    const dir = copyContent();
    editFile(dir, "policy/03-data-handling.md", (t) => t.replace("is not ours to share freely", "is ours to share"));
    expectRefused(
      buildWith(dir),
      `${dir}/organisation.yaml: policy.version is still ${SHIPPED_VERSION}, but the policy text changed since release ${SHIPPED_VERSION} was recorded`,
    );
  });

  it("refuses a version number that goes backwards", () => {
    const dir = copyContent();
    setVersion(dir, "0.9.0");
    expectRefused(buildWith(dir), `policy.version is 0.9.0, but release ${SHIPPED_VERSION} is already recorded`);
  });

  it("refuses a common gap that policy.allowGaps does not name", () => {
    const dir = copyContent();
    editFile(dir, "policy/02-permitted-uses.md", (t) => t.replace("    closes: [output-review]\n", ""));
    expectRefused(
      buildWith(dir),
      `${dir}/policy: Gap "Human review of outputs": the policy must require a person to review outputs before relying on them or sharing them outside, and no clause closes it.`,
    );
  });

  it("refuses a critical clause without its one-line summary", () => {
    const dir = copyContent();
    editFile(dir, "policy/07-enforcement.md", (t) => t.replace(/ {4}summary: When in doubt.*\n/, ""));
    expectRefused(
      buildWith(dir),
      `${dir}/policy/07-enforcement.md: clauses.7.3 is marked critical: true but has no summary.`,
    );
  });

  it("refuses a removed clause that the release still records, with each of its problems", () => {
    const dir = copyContent();
    removeClauses(dir, "03-data-handling.md", ["3.6"]);
    const build = buildWith(dir);
    expectRefused(build, 'Gap "Third-party data, including what flows through connectors"');
    expect(build.output).toContain("Fix: restore clause 3.6 of the shipped policy");
    expect(build.output).toContain(`policy.version is still ${SHIPPED_VERSION}`);
  });
});
