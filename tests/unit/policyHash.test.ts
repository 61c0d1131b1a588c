import { describe, expect, it } from "vitest";
import { canonicalPolicyText } from "../../src/policy/hash.ts";
import { loadPolicy, policyHash } from "../../src/policy/loadPolicy.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

const hashOf = (dir: string) => policyHash({ contentDir: dir });

describe("policy hash", () => {
  it("is a SHA-256 that stays the same across loads and copies of the content", () => {
    const hash = policyHash();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(policyHash()).toBe(hash);
    expect(hashOf(copyContent())).toBe(hash);
  });

  it("ignores formatting-only changes: rewrapped lines, emphasis style, blank lines, trailing spaces", () => {
    const dir = copyContent();
    const before = hashOf(dir);
    const restyle = (body: string) =>
      body
        .replace(/\*\*([^*]+)\*\*/, "__$1__")
        .replace(/^([^#\n].*\w) (\w)/m, "$1\n$2")
        .replace(/\n\n/, "\n\n\n")
        .replace(/\.\n/, ".   \n");
    editFile(dir, "policy/03-data-handling.md", (t) =>
      t.replace(/(\n---\n)([\s\S]*)$/, (_, end: string, body: string) => end + restyle(body)),
    );
    expect(hashOf(dir)).toBe(before);
  });

  it("ignores the why-this-matters commentary, which is not binding", () => {
    const dir = copyContent();
    const before = hashOf(dir);
    editFile(dir, "policy/05-agentic-ai-controls.md", (t) =>
      t.replace(/^why: .*$/m, "why: Agents act on our systems."),
    );
    expect(hashOf(dir)).toBe(before);
  });

  it("changes when a word of a clause changes", () => {
    const dir = copyContent();
    const before = hashOf(dir);
    editFile(dir, "policy/03-data-handling.md", (t) => t.replace("payment card", "credit card"));
    expect(hashOf(dir)).not.toBe(before);
  });

  it("changes when a clause title changes", () => {
    const dir = copyContent();
    const before = hashOf(dir);
    editFile(dir, "policy/07-enforcement.md", (t) => t.replace(/^## 7\.3 .*$/m, "## 7.3 Ask before you act"));
    expect(hashOf(dir)).not.toBe(before);
  });

  it("changes when an organisation value that appears in the text changes", () => {
    const dir = copyContent();
    const before = hashOf(dir);
    editFile(dir, "organisation.yaml", (t) => t.replace("security@kestrel.example", "soc@kestrel.example"));
    expect(hashOf(dir)).not.toBe(before);
  });

  it("covers every clause of every published section", () => {
    const policy = loadPolicy();
    const text = canonicalPolicyText(policy.sections);
    for (const clause of policy.sections.flatMap((s) => s.clauses))
      expect(text).toContain(`${clause.id} ${clause.title}: `);
  });
});
