import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { redline } from "../../src/releases/clauseChanges.ts";
import { redlineHtml } from "../../src/releases/redlineHtml.ts";
import { releaseProblems } from "../../src/releases/releaseChecks.ts";
import { readReleases } from "../../src/releases/releaseFiles.ts";
import { compareVersions } from "../../src/lib/versions.ts";

const policy = loadPolicy();
const { releases, problems } = readReleases("content");

describe("the shipped releases", () => {
  it("start at 1.0.0 and record the current text as the latest, so that the build passes", () => {
    expect(problems).toEqual([]);
    expect(releases[0]?.version).toBe("1.0.0");
    expect(releases.at(-1)?.version).toBe(policy.version);
    expect(releases.at(-1)?.hash).toBe(policy.hash);
    expect(releaseProblems(policy, releases, "content")).toEqual([]);
  });
});

describe("the build's release checks", () => {
  // Against the first release alone, so that the messages stay the same whatever the shipped policy has released since.
  const first = releases.slice(0, 1);

  it("refuse a changed text under the same version, naming the versions to use", () => {
    expect(releaseProblems({ version: "1.0.0", hash: "f".repeat(64) }, first, "content")).toEqual([
      {
        file: "content/organisation.yaml",
        location: "policy.version",
        message: `is still 1.0.0, but the policy text changed since release 1.0.0 was recorded (SHA-256 ${first[0]?.hash.slice(0, 12)}…, now ffffffffffff…): people who accepted 1.0.0 accepted other words. Set policy.version to 1.0.1 for a wording change or 1.1.0 for a material one, then run npm run release -- --minor --note "what changed" (or --material). To drop the change instead, restore the policy files.`,
      },
    ]);
  });

  it("refuse a version that goes backwards", () => {
    const [problem] = releaseProblems({ version: "0.9", hash: first[0]?.hash ?? "" }, first, "content");
    expect(problem?.message).toBe(
      'is 0.9, but release 1.0.0 is already recorded in content/releases: a version number never goes backwards. Set policy.version to a version after 1.0.0 (1.0.1 for a wording change, 1.1.0 for a material one), then run npm run release -- --minor --note "what changed" (or --material).',
    );
  });

  it("refuse a version no release records, and a content folder with no release", () => {
    expect(releaseProblems({ version: "1.1.0", hash: "e".repeat(64) }, first, "content")[0]?.message).toContain(
      "is 1.1.0, which has no release in content/releases (the latest is 1.0.0). Record it with npm run release -- --material",
    );
    expect(releaseProblems({ ...policy, version: "1.0.0" }, [], "content")[0]?.message).toContain(
      'holds no release, so nothing records which text version 1.0.0 is. Record it with npm run release -- --material --note "First release".',
    );
  });

  it("compare versions as numbers, part by part", () => {
    expect(compareVersions("1.10.0", "1.9.3")).toBe(1);
    expect(compareVersions("1.0", "1.0.0")).toBe(0);
    expect(compareVersions("0.9", "1.0.0")).toBe(-1);
  });
});

describe("the redline", () => {
  it("marks words as ins and del with hidden text for screen readers, escaping the text", () => {
    const html = redlineHtml(
      redline("Ask the desk first, then <wait>.", "Ask the questions contact first, then <wait>."),
    );
    expect(html).toBe(
      'Ask the <del><span class="visually-hidden">removed: </span>desk</del><ins><span class="visually-hidden">added: </span>questions contact</ins> first, then &#60;wait&#62;.',
    );
  });
});
