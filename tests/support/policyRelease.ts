import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadOrganisation } from "../../src/policy/organisation.ts";
import { editFile } from "./contentFixture.ts";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run release` (the script itself) against a content copy. */
export function runRelease(contentDir: string, args: string[]): CliRun {
  const result = spawnSync(process.execPath, ["scripts/release.ts", ...args], {
    env: {
      ...process.env,
      AUP_CONTENT_DIR: contentDir,
      ...(existsSync(scenariosFor(contentDir)) ? { AUP_SCENARIOS_DIR: scenariosFor(contentDir) } : {}),
    },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The scenarios that go with a content copy: the shipped ones, beside the copy, where
 * editForRelease110 adjusts the one that cites the clause it removes.
 */
export function scenariosFor(contentDir: string): string {
  return `${contentDir}-scenarios`;
}

/**
 * Starts a content copy's own history: the shipped releases removed and the copy's text recorded as
 * material release 1.0.0, so that a test can pin the versions it goes on to release, whatever the shipped ones.
 */
export function startOwnHistory(contentDir: string): void {
  rmSync(path.join(contentDir, "releases"), { recursive: true });
  mkdirSync(path.join(contentDir, "releases"));
  if (loadOrganisation(contentDir).org.policy.version !== "1.0.0") setVersion(contentDir, "1.0.0");
  release(contentDir, "--material", "The first release of this copy.");
}

/** Runs `npm run release` on a content copy, failing the test's set-up when it refuses. */
export function release(contentDir: string, kind: string, note: string): void {
  const run = runRelease(contentDir, [kind, "--note", note]);
  if (run.status !== 0) throw new Error(`npm run release ${kind} failed:\n${run.stdout}${run.stderr}`);
}

/** Sets policy.version in a content copy's organisation.yaml. */
export function setVersion(contentDir: string, version: string): void {
  editFile(contentDir, "organisation.yaml", (text) => text.replace(/^ {2}version: .*$/m, `  version: ${version}`));
}

/**
 * The edits of a second release, one of each kind of change, in clauses no scenario cites but one (whose
 * copy beside the content follows) except the reworded 3.4: 1.5 added, 8.4 removed, 3.4 reworded,
 * 1.3 and 1.4 swapped (each moves). The version goes to 1.1.0, which 1.2 and 8.2 quote, so those
 * two read as reworded too.
 */
export function editForRelease110(contentDir: string): void {
  setVersion(contentDir, "1.1.0");
  editFile(contentDir, "policy/03-data-handling.md", (text) =>
    text.replace("is not ours to share freely", "is never ours to share freely"),
  );
  editFile(contentDir, "policy/08-review-and-governance.md", (text) => text.replace(/\n## 8\.4 [\s\S]*$/, "\n"));
  // The one scenario teaching 8.4 cites 7.1 instead, so that the bank still cites only clauses that exist.
  const scenarios = scenariosFor(contentDir);
  cpSync("scenarios", scenarios, { recursive: true });
  const newVersion = path.join(scenarios, "new-policy-version.yaml");
  writeFileSync(newVersion, readFileSync(newVersion, "utf8").replaceAll("8.4", "7.1"));
  const scope = path.join(contentDir, "policy/01-scope-and-purpose.md");
  const source = readFileSync(scope, "utf8");
  const clause13 = /## 1\.3 ([\s\S]*?)(?=\n## 1\.4 )/.exec(source)?.[1];
  const clause14 = /## 1\.4 ([\s\S]*)$/.exec(source)?.[1];
  if (!clause13 || !clause14) throw new Error("01-scope-and-purpose.md no longer has clauses 1.3 and 1.4 at its end.");
  // The added 1.5 asks nothing of the learner: opted out of the coverage check, as 1.3 is.
  const withOptOut = source.replace(
    "untaught:\n",
    'untaught:\n  "1.5": It says where each release\'s changes are shown and asks nothing of the learner.\n',
  );
  writeFileSync(
    scope,
    `${withOptOut.slice(0, withOptOut.indexOf("## 1.3 "))}## 1.3 ${clause14.trimEnd()}\n\n## 1.4 ${clause13.trimEnd()}\n\n## 1.5 Changes to this policy\n\nEvery release of this policy says what changed, clause by clause, on its What changed page.\n`,
  );
}
