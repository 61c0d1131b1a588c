import { describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../../src/lib/contentProblem.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

/** The problems a strict load reports, as text, with the temporary folder's path removed. */
function strictProblems(dir: string): string[] {
  try {
    loadPolicy({ contentDir: dir, mode: "strict" });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return error.problems.map((problem) => formatProblem(problem).replaceAll(dir, "<content>"));
  }
  throw new Error("Expected the strict load to fail");
}

describe("loadPolicy", () => {
  it("reads the eight sections in order with their clauses, then the switched-on addenda", () => {
    const policy = loadPolicy({ mode: "strict" });
    expect(policy.sections.map((s) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "FIN"]);
    expect(policy.problems).toEqual([]);
    for (const section of policy.sections) {
      expect(section.clauses.length).toBeGreaterThan(0);
      section.clauses.forEach((clause, i) => expect(clause.id).toBe(`${section.number}.${i + 1}`));
    }
    expect(policy.sections[2]?.clauses[0]).toMatchObject({ id: "3.1", anchor: "clause-3-1" });
  });

  it("fills organisation values into clause text and headings", () => {
    const policy = loadPolicy();
    const clause = (id: string) => policy.sections.flatMap((s) => s.clauses).find((c) => c.id === id);
    expect(clause("1.1")?.text).toContain("Kestrel Example Group");
    expect(clause("5.5")?.title).toBe("Report unintended agent actions within 24 hours");
    expect(clause("3.1")?.text).toContain("Restricted or Secret");
    const everything = JSON.stringify(policy.sections);
    expect(everything).not.toMatch(/\{\{|\}\}|\[(?:DATE|ORGANISATION|CUSTOMISE|ROLE)/);
  });

  it("refuses a date that is not in the calendar, naming the file and the field", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (text) =>
      text.replace("effectiveDate: 2026-01-05", "effectiveDate: 2026-02-30"),
    );
    expect(strictProblems(dir)).toEqual([
      "<content>/organisation.yaml: policy.effectiveDate 2026-02-30 is not a real date (February 2026 has 28 days). Write the date the policy takes effect, e.g. 2026-01-05.",
    ]);
  });

  it("leaves out addenda that are switched off and includes those switched on", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("addenda: [financial-services]", "addenda: [healthcare, legal]"),
    );
    expect(
      loadPolicy({ contentDir: dir })
        .sections.map((s) => s.number)
        .slice(8),
    ).toEqual(["HEA", "LEG"]);
  });

  it("throws in strict mode with every problem of the organisation settings at once", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t
        .replace("name: Kestrel Example Group", 'name: "[ORGANISATION NAME]"')
        .replace("policyName: Data Classification Policy", "policyName: TBD"),
    );
    expect(strictProblems(dir)).toMatchInlineSnapshot(`
      [
        "<content>/organisation.yaml: organisation.name is still a placeholder ("[ORGANISATION NAME]"). Write your organisation's name as employees know it, e.g. "Acme Holdings Ltd".",
        "<content>/organisation.yaml: dataClassification.policyName is still a placeholder ("TBD"). Write the name of your classification policy, e.g. "Data Classification Policy".",
      ]
    `);
  });

  it("returns the problems in preview mode and marks the unfilled values in the text", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) => t.replace("name: Kestrel Example Group", 'name: "[ORGANISATION NAME]"'));
    const policy = loadPolicy({ contentDir: dir, mode: "preview" });
    expect(policy.problems.map((p) => p.location)).toEqual(["organisation.name"]);
    expect(policy.sections[0]?.clauses[0]?.html).toContain('<mark class="unfilled"');
  });

  it("reports unknown placeholders, misnumbered clauses and stray headings with their line", () => {
    const dir = copyContent();
    editFile(dir, "policy/07-enforcement.md", (t) =>
      t
        .replace("## 7.2 ", "## 7.9 ")
        .replace(/(## 7\.3 .*\n)/, "$1\n### A sub-heading\n\nAsk {{contacts.helpdesk}} first.\n"),
    );
    expect(strictProblems(dir)).toMatchInlineSnapshot(`
      [
        "<content>/policy/07-enforcement.md: line 40 uses the unknown placeholder {{contacts.helpdesk}}. Use a field of organisation.yaml, e.g. {{organisation.name}}, or remove the braces.",
        "<content>/policy/07-enforcement.md: line 25 has clause "7.9" where "7.2" comes next. Number clauses 7.1, 7.2, … in order, and never reuse an id.",
        "<content>/policy/07-enforcement.md: line 38 has a heading that is not a clause ("### A sub-heading"). Start clauses with "## 7.N Title"; use bold text for sub-headings inside a clause.",
      ]
    `);
  });

  it("reports a missing section file and an addendum switched on without a file", () => {
    const dir = copyContent();
    editFile(dir, "policy/06-intellectual-property.md", (t) => t.replace("section: 6", "section: 5"));
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("addenda: [financial-services]", "addenda: [financial-services, legal]"),
    );
    editFile(dir, "policy/addenda/legal.md", (t) => t.replace("addendum: legal", "addendum: healthcare"));
    expect(strictProblems(dir)).toMatchInlineSnapshot(`
      [
        "<content>/policy/06-intellectual-property.md: line 9 has clause "6.1" where "5.1" comes next. Number clauses 5.1, 5.2, … in order, and never reuse an id.",
        "<content>/policy/06-intellectual-property.md: line 15 has clause "6.2" where "5.2" comes next. Number clauses 5.1, 5.2, … in order, and never reuse an id.",
        "<content>/policy/06-intellectual-property.md: line 21 has clause "6.3" where "5.3" comes next. Number clauses 5.1, 5.2, … in order, and never reuse an id.",
        "<content>/policy/06-intellectual-property.md: line 31 has clause "6.4" where "5.4" comes next. Number clauses 5.1, 5.2, … in order, and never reuse an id.",
        "<content>/policy: has 2 files for section 5. Keep one file per section.",
        "<content>/policy: has no file for section 6. Add one whose frontmatter says "section: 6".",
        "<content>/organisation.yaml: addenda switches on "legal", but <content>/policy/addenda has no addendum file for it. Add legal.md there or remove "legal" from addenda.",
      ]
    `);
  });

  it("reports invalid frontmatter and YAML syntax errors", () => {
    const dir = copyContent();
    editFile(dir, "policy/02-permitted-uses.md", (t) => t.replace(/^title: .*$/m, "title:"));
    editFile(dir, "policy/03-data-handling.md", (t) => t.replace(/^summary: /m, "summary: : ["));
    expect(strictProblems(dir)).toMatchInlineSnapshot(`
      [
        "<content>/policy/02-permitted-uses.md: title is missing. Write the section's heading.",
        "<content>/policy/03-data-handling.md: line 4 is not valid YAML (Nested mappings are not allowed in compact mappings). Check the indentation, the colon after each key, and quote values that contain a colon or start with [ or {.",
        "<content>/policy/03-data-handling.md: line 5 is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]). Check the indentation, the colon after each key, and quote values that contain a colon or start with [ or {.",
      ]
    `);
  });
});
