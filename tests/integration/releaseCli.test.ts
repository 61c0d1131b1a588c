import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clauseChanges, changedClauseIds } from "../../src/releases/clauseChanges.ts";
import { readReleases, releaseFile } from "../../src/releases/releaseFiles.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";
import { editForRelease110, runRelease, setVersion, startOwnHistory } from "../support/policyRelease.ts";

const today = new Date().toISOString().slice(0, 10);

/** A content copy whose one release is 1.0.0 of its current text, whatever the shipped releases. */
function contentAt100(): string {
  const dir = copyContent();
  startOwnHistory(dir);
  return dir;
}

describe("npm run release", () => {
  it("records a second version with its text, and the two releases diff clause by clause", () => {
    const dir = contentAt100();
    editForRelease110(dir);
    const run = runRelease(dir, ["--material", "--note", "Third-party data is never ours; 1.5 added; 8.4 removed."]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Released 1.1.0 (material)");

    const { releases, problems } = readReleases(dir);
    expect(problems).toEqual([]);
    expect(releases.map((r) => [r.version, r.change])).toEqual([
      ["1.0.0", "material"],
      ["1.1.0", "material"],
    ]);
    const [first, second] = releases as [(typeof releases)[0], (typeof releases)[0]];
    expect(second).toMatchObject({ date: today, note: "Third-party data is never ours; 1.5 added; 8.4 removed." });
    expect(second.reviews).toEqual([{ date: today, note: second.note }]);
    // Every clause's filled-in text is recorded, and the scenarios with the clauses they cite.
    const third = second.sections.find((s) => s.number === "3")?.clauses.find((c) => c.id === "3.4");
    expect(third?.text).toContain("is never ours to share freely");
    expect(third?.text).toContain("until the AI Governance Office confirms"); // values filled in, no {{…}} left
    expect(JSON.stringify(second.sections)).not.toContain("{{");
    expect(second.scenarios.find((s) => s.id === "client-email-summary")?.clauses).toContain("3.4");

    const changes = clauseChanges(first, second);
    const of = (kind: string) =>
      changes.filter((c) => c.kind === kind).map((c) => (c.kind === "removed" ? c.before.id : c.after.id));
    expect(of("added")).toEqual(["1.5"]);
    expect(of("removed")).toEqual(["8.4"]);
    expect(of("reworded").sort()).toEqual(["1.2", "3.4", "8.2"]);
    expect(of("moved").sort()).toEqual(["1.3", "1.4"]);
    const moved = changes.find((c) => c.kind === "moved" && c.after.id === "1.3");
    expect(moved?.kind === "moved" && [moved.before.id, moved.before.title]).toEqual([
      "1.4",
      "How it relates to other policies",
    ]);
    const reworded = changes.find((c) => c.kind === "reworded" && c.after.id === "3.4");
    expect(reworded?.kind === "reworded" && reworded.text.filter((p) => p.change !== "same")).toEqual([
      { text: "not", change: "removed" },
      { text: "never", change: "added" },
    ]);
    expect(changedClauseIds(changes).sort()).toEqual(["1.2", "1.5", "3.4", "8.2"]);
    // Reversed, the same comparison reads the other way round.
    const back = clauseChanges(second, first);
    expect(back.filter((c) => c.kind === "added").map((c) => c.kind === "added" && c.after.id)).toEqual(["8.4"]);
    expect(back.filter((c) => c.kind === "removed").map((c) => c.kind === "removed" && c.before.id)).toEqual(["1.5"]);
  });

  it("records a review of the latest release when the text did not change", () => {
    const dir = contentAt100();
    const run = runRelease(dir, ["--minor", "--note", "Quarterly review: no change needed."]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("recorded a review");
    const release = readReleases(dir).releases.at(-1);
    expect(release?.version).toBe("1.0.0");
    expect(release?.reviews.at(-1)).toEqual({ date: today, note: "Quarterly review: no change needed." });
    expect(release?.reviews).toHaveLength(2);
  });

  it("refuses a changed text under the same version, naming the versions to use, and writes nothing", () => {
    const dir = contentAt100();
    const file = releaseFile(dir, "1.0.0");
    const before = readFileSync(file, "utf8");
    editFile(dir, "policy/03-data-handling.md", (t) =>
      t.replace("- payment card data covered", "- credit card data covered"),
    );
    const run = runRelease(dir, ["--minor", "--note", "Wording"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Nothing was recorded: the policy text changed since release 1.0.0");
    expect(run.stderr).toContain("Set policy.version in organisation.yaml to 1.0.1 for a wording change or 1.1.0");
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("refuses a version that goes backwards", () => {
    const dir = contentAt100();
    setVersion(dir, "0.9.0");
    const run = runRelease(dir, ["--material", "--note", "Older"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("a version number never goes backwards");
    expect(readReleases(dir).releases.map((r) => r.version)).toEqual(["1.0.0"]);
  });

  it("explains missing or contradictory flags", () => {
    const dir = contentAt100();
    expect(runRelease(dir, ["--note", "x"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Say what kind of change this is") as string,
    });
    expect(runRelease(dir, ["--minor", "--material", "--note", "x"]).stderr).toContain("not both");
    expect(runRelease(dir, ["--minor"]).stderr).toContain("--note is required");
  });

  it("refuses to release while a recorded release was edited by hand", () => {
    const dir = contentAt100();
    editFile(dir, "releases/1.0.0.json", (t) => t.replace("is not ours to share freely", "is ours to share freely"));
    const run = runRelease(dir, ["--minor", "--note", "x"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${path.join(dir, "releases/1.0.0.json")}: hash does not match the text recorded in the file`,
    );
  });
});
