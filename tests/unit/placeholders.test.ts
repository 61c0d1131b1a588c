import { describe, expect, it } from "vitest";
import { fillPlaceholders, placeholderValues } from "../../src/policy/placeholders.ts";
import { loadOrganisation } from "../../src/policy/organisation.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

const values = new Map([
  ["organisation.name", { text: "Kestrel Example Group" }],
  ["contacts.incidents.email", { text: "security@kestrel.example" }],
  ["roles.policyOwner", { unfilled: "roles.policyOwner is still a placeholder." }],
]);

describe("fillPlaceholders", () => {
  it("replaces each placeholder with its value, with or without spaces inside the braces", () => {
    const { text, unknown } = fillPlaceholders(
      "{{organisation.name}} staff report to {{ contacts.incidents.email }}.",
      values,
    );
    expect(text).toBe("Kestrel Example Group staff report to security@kestrel.example.");
    expect(unknown).toEqual([]);
  });

  it("escapes Markdown and HTML in values so that they stay plain text", () => {
    const risky = new Map([["organisation.name", { text: "Acme *Bold* <script>x</script> [Ltd]" }]]);
    expect(fillPlaceholders("{{organisation.name}}", risky).text).toBe(
      "Acme \\*Bold\\* \\<script\\>x\\</script\\> \\[Ltd\\]",
    );
  });

  it("reports unknown placeholders with their line and leaves them in place", () => {
    const { text, unknown } = fillPlaceholders("first line\nsecond {{organisation.nmae}} line", values);
    expect(unknown).toEqual([{ key: "organisation.nmae", line: 2 }]);
    expect(text).toContain("{{organisation.nmae}}");
  });

  it("marks unfilled values visibly for the preview", () => {
    expect(fillPlaceholders("Owner: {{roles.policyOwner}}", values).text).toBe(
      'Owner: <mark class="unfilled" title="roles.policyOwner is still a placeholder.">[roles.policyOwner]</mark>',
    );
  });
});

describe("placeholderValues", () => {
  it("offers every setting by its path plus values derived for reading", () => {
    const found = placeholderValues(loadOrganisation("content"));
    expect(found.get("contacts.questions.email")).toEqual({ text: "ai-governance@kestrel.example" });
    expect(found.get("dataClassification.prohibitedLevels")).toEqual({ text: "Restricted or Secret" });
    expect(found.get("products.list")).toEqual({
      text: "Claude Enterprise, Claude Cowork, Claude Code and Claude API integrations",
    });
    expect(found.get("policy.effectiveDate")).toEqual({ text: "5 January 2026" });
    expect(found.get("contacts.incidentReportHours")).toEqual({ text: "24" });
  });

  it("marks the values with problems as unfilled and keeps the others", () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("email: security@kestrel.example", 'email: "[INCIDENT EMAIL]"'),
    );
    const found = placeholderValues(loadOrganisation(dir));
    expect(found.get("contacts.incidents.email")).toHaveProperty("unfilled");
    expect(found.get("contacts.incidents.name")).toEqual({ text: "IT Security Service Desk" });
    expect(found.get("organisation.name")).toEqual({ text: "Kestrel Example Group" });
  });
});
