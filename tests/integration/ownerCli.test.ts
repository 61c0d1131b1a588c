import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { countWords } from "../../src/deployment/systemPrompt.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";
import { removeClauses } from "../support/policyEdits.ts";

function run(script: string, args: string[] = [], contentDir = "content") {
  const result = spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, AUP_CONTENT_DIR: contentDir },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run system-prompt", () => {
  it("prints the summary within 120 words and the Cowork onboarding message for the given site", () => {
    const { status, stdout, stderr } = run("scripts/systemPrompt.ts", ["--site", "https://aup.kestrel.example"]);
    expect(status, stderr).toBe(0);
    const [, prompt = "", message = ""] =
      /words\):\n\n([\s\S]*?)\n\nCowork admin onboarding message:\n\n([\s\S]*)\n$/.exec(stdout) ?? [];
    expect(prompt).toMatch(/^This Claude instance is for internal use at Kestrel Example Group/);
    expect(countWords(prompt)).toBeLessThanOrEqual(120);
    expect(stdout).toContain(`System prompt for Claude deployments (${countWords(prompt)} of 120 words)`);
    expect(message).toContain("course at https://aup.kestrel.example/course");
  });

  it("refuses a site that is not an address, and a critical clause without its summary", () => {
    expect(run("scripts/systemPrompt.ts", ["--site", "aup"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--site must be the policy site's address") as string,
    });
    const dir = copyContent();
    editFile(dir, "policy/03-data-handling.md", (t) => t.replace(/ {4}summary: Use only this.*\n/, ""));
    const broken = run("scripts/systemPrompt.ts", [], dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("clauses.3.3 is marked critical: true but has no summary");
  });
});

describe("npm run check:policy", () => {
  it("passes the shipped policy, with all five gaps closed", () => {
    const { status, stdout } = run("scripts/checkPolicy.ts");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^5 of 5 common gaps closed: /);
  });

  it("fails on an open gap, naming it, why it matters and the clause to restore, unless allowGaps names it", () => {
    const dir = copyContent();
    removeClauses(dir, "07-enforcement.md", ["7.3"]);
    const open = run("scripts/checkPolicy.ts", [], dir);
    expect(open.status).toBe(1);
    expect(open.stderr).toContain('- Gap "A named escalation contact": the policy must name the contact people ask');
    expect(open.stderr).toContain("Why it matters: “when in doubt, ask” only works when the policy says whom to ask");
    expect(open.stderr).toContain("Fix: restore clause 7.3 of the shipped policy");
    expect(open.stdout).toContain("4 of 5 common gaps closed");
    editFile(dir, "organisation.yaml", (t) =>
      t.replace(
        "  reviewDate: 2027-01-05\n",
        '  reviewDate: 2027-01-05\n  allowGaps:\n    - gap: escalation-contact\n      reason: "Line managers answer; named in the staff handbook."\n',
      ),
    );
    const allowed = run("scripts/checkPolicy.ts", [], dir);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain(
      "Left open on purpose (policy.allowGaps): A named escalation contact, escalation-contact: Line managers answer; named in the staff handbook.",
    );
  });
});
