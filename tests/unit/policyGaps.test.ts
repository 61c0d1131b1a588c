import { describe, expect, it } from "vitest";
import { checkPolicyGaps } from "../../src/gaps/checkGaps.ts";
import { POLICY_GAPS } from "../../src/lib/policyGaps.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { governance } from "../../src/published/governance.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";
import { removeClauses } from "../support/policyEdits.ts";

const findingsIn = (dir: string) => checkPolicyGaps(loadPolicy({ contentDir: dir }));

describe("the common-gaps check", () => {
  it("finds the shipped policy closing all five gaps", () => {
    expect(POLICY_GAPS).toHaveLength(5);
    expect(checkPolicyGaps(loadPolicy())).toEqual([]);
  });

  // Each gap with the clauses of the shipped policy that close it, and the parts that open when they go.
  const cases: { gap: string; remove: Record<string, string[]>; parts: Record<string, string> }[] = [
    {
      gap: "products-and-accounts",
      remove: { "01-scope-and-purpose.md": ["1.2"], "03-data-handling.md": ["3.3"] },
      parts: { "products-named": "1.2", "personal-accounts": "3.3" },
    },
    {
      gap: "agentic-actions",
      remove: { "05-agentic-ai-controls.md": ["5.2", "5.3", "5.4", "5.5"] },
      parts: {
        "agent-connection-approval": "5.2",
        "irreversible-action-confirmation": "5.3",
        "agent-scope": "5.4",
        "agent-incident-reporting": "5.5",
      },
    },
    { gap: "escalation-contact", remove: { "07-enforcement.md": ["7.3"] }, parts: { "escalation-contact": "7.3" } },
    { gap: "human-review", remove: { "02-permitted-uses.md": ["2.6"] }, parts: { "output-review": "2.6" } },
    {
      gap: "third-party-data",
      remove: { "03-data-handling.md": ["3.4", "3.6"] },
      parts: { "third-party-data": "3.4", "connector-data": "3.6" },
    },
  ];

  for (const { gap, remove, parts } of cases)
    it(`reports "${gap}" when its clauses are removed, with why it matters and the clause to restore`, () => {
      const dir = copyContent();
      for (const [file, ids] of Object.entries(remove)) removeClauses(dir, file, ids);
      const findings = findingsIn(dir);
      expect(findings.map((f) => [f.gap.id, f.part.id])).toEqual(Object.keys(parts).map((part) => [gap, part]));
      const definition = POLICY_GAPS.find((g) => g.id === gap)!;
      for (const finding of findings) {
        expect(finding.message).toContain(
          `Gap "${definition.title}": the policy must ${finding.part.need}, and no clause closes it.`,
        );
        expect(finding.message).toContain(`Why it matters: ${definition.why}.`);
        expect(finding.message).toContain(`Fix: restore clause ${parts[finding.part.id]} of the shipped policy`);
        expect(finding.message).toContain(`list "${finding.part.id}" under closes`);
        expect(finding.message).toContain(`policy.allowGaps (gap: ${gap})`);
      }
    });

  it("follows what a clause declares it closes, not the words it happens to use", () => {
    const dir = copyContent();
    // 2.6's words stay, but its frontmatter no longer says it is the review rule: the gap opens.
    editFile(dir, "policy/02-permitted-uses.md", (t) => t.replace("    closes: [output-review]\n", ""));
    expect(findingsIn(dir).map((f) => f.part.id)).toEqual(["output-review"]);
  });

  it("asks the clauses about names to carry the organisation's names", () => {
    const dir = copyContent();
    editFile(dir, "policy/01-scope-and-purpose.md", (t) =>
      t.replace("has deployed: {{products.list}}.", "has deployed."),
    );
    editFile(dir, "policy/07-enforcement.md", (t) =>
      t.replace("Contact {{contacts.questions.inText}} at {{contacts.questions.email}}, or speak", "Speak"),
    );
    const findings = findingsIn(dir);
    expect(findings.map((f) => f.part.id)).toEqual(["products-named", "escalation-contact"]);
    expect(findings[0]?.message).toContain(
      "clause 1.2 closes it but does not name every product deployed (Claude Enterprise, Claude Cowork, Claude Code, Claude API integrations)",
    );
    expect(findings[1]?.message).toContain(
      "clause 7.3 closes it but does not name the questions contact (AI Governance Office, ai-governance@kestrel.example)",
    );
  });

  it("lets policy.allowGaps leave a gap open with its reason, which then stops no build", () => {
    const dir = copyContent();
    removeClauses(dir, "05-agentic-ai-controls.md", ["5.3"]);
    const withoutIt = loadPolicy({ contentDir: dir });
    const open = governance(dir, withoutIt);
    expect(open.governanceProblems.map((p) => p.message)).toEqual([
      // Removing a clause changes the text: the release check says so too.
      expect.stringContaining(`is still ${withoutIt.version}, but the policy text changed`),
      expect.stringContaining('Gap "Agentic actions covered"'),
    ]);
    editFile(dir, "organisation.yaml", (t) =>
      t.replace(
        "  reviewDate: 2027-01-05\n",
        '  reviewDate: 2027-01-05\n  allowGaps:\n    - gap: agentic-actions\n      reason: "Our agents only draft; people send."\n',
      ),
    );
    const allowed = governance(dir, loadPolicy({ contentDir: dir }));
    expect(allowed.allowedGaps.map((f) => [f.part.id, f.allowedBecause])).toEqual([
      ["irreversible-action-confirmation", "Our agents only draft; people send."],
    ]);
    expect(allowed.governanceProblems.map((p) => p.message)).toEqual([
      expect.stringContaining(`is still ${withoutIt.version}`),
    ]);
  });

  it("refuses an allowGaps entry that names no gap, listing the gaps", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace(
        "  reviewDate: 2027-01-05\n",
        "  reviewDate: 2027-01-05\n  allowGaps:\n    - gap: agents\n      reason: none\n",
      ),
    );
    expect(() => loadPolicy({ contentDir: dir })).toThrow(
      'policy.allowGaps item 1.gap is "agents", which is not a gap. Use one of products-and-accounts, agentic-actions, escalation-contact, human-review, third-party-data.',
    );
  });
});
