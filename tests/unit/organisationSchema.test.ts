import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { zodProblems } from "../../src/lib/zodProblems.ts";
import { OrganisationSchema, isPlaceholder } from "../../src/schemas/organisation.ts";

const example = (): Record<string, unknown> =>
  parse(readFileSync("content/organisation.yaml", "utf8")) as Record<string, unknown>;

/** The example with one value replaced (or removed, with `undefined`), as problem lines. */
function problemsWith(field: string, value: unknown): string[] {
  const org = example();
  const keys = field.split(".");
  const last = keys.pop() ?? "";
  const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, org);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  const result = OrganisationSchema.safeParse(org);
  if (result.success) return [];
  return zodProblems(result.error, "organisation.yaml").map((p) => `${p.location} ${p.message}`);
}

describe("organisation settings schema", () => {
  it("accepts the shipped example organisation", () => {
    const result = OrganisationSchema.safeParse(example());
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data?.organisation.name).toBe("Kestrel Example Group");
  });

  it("fills defaults for the course settings when they are left out", () => {
    const org = example();
    delete org.course;
    expect(OrganisationSchema.parse(org).course).toEqual({
      passMark: 80,
      refresherSize: 5,
      onboardingWindowDays: 14,
      updateWindowDays: 30,
    });
  });

  it("names a missing value and says what to write", () => {
    expect(problemsWith("organisation.name", undefined)).toMatchInlineSnapshot(`
      [
        "organisation.name is missing. Write your organisation's name as employees know it, e.g. "Acme Holdings Ltd".",
      ]
    `);
  });

  it("refuses template placeholders left in place", () => {
    expect(problemsWith("roles.policyOwner", "[CISO / Chief AI Officer — select appropriate]")).toMatchInlineSnapshot(`
      [
        "roles.policyOwner is still a placeholder ("[CISO / Chief AI Officer — select appropriate]"). Write the role that maintains this policy, e.g. "Chief Information Security Officer".",
      ]
    `);
    expect(problemsWith("contacts.questions.name", "TODO")).toMatchInlineSnapshot(`
      [
        "contacts.questions.name is still a placeholder ("TODO"). Write the name of the team that answers "may I use Claude for this?", e.g. "AI Governance Office".",
      ]
    `);
    expect(problemsWith("procedures.aiDisclosure", "{{procedure}}")).toMatchInlineSnapshot(`
      [
        "procedures.aiDisclosure is still a placeholder ("{{procedure}}"). Write the name of the procedure for disclosing AI assistance to clients.",
      ]
    `);
  });

  it("refuses empty text", () => {
    expect(problemsWith("roles.executiveSponsor", "  ")).toMatchInlineSnapshot(`
      [
        "roles.executiveSponsor is empty. Write the executive role that approved the policy, e.g. "Chief Operating Officer".",
      ]
    `);
  });

  it("refuses a value of the wrong type", () => {
    expect(problemsWith("policy.version", 1.1)).toMatchInlineSnapshot(`
      [
        "policy.version must be a quoted version such as "1.0.0". Write the policy version in quotes.",
      ]
    `);
    expect(problemsWith("course.passMark", "eighty")).toMatchInlineSnapshot(`
      [
        "course.passMark must be a whole number from 1 to 100. Write the percentage needed to pass, e.g. 80.",
      ]
    `);
  });

  it("refuses an email address that is not one", () => {
    expect(problemsWith("contacts.incidents.email", "security at kestrel")).toMatchInlineSnapshot(`
      [
        "contacts.incidents.email is not an email address ("security at kestrel"). Write the email address of the team that takes incident reports, e.g. security@yourcompany.com.",
      ]
    `);
  });

  it("refuses an accent colour that is not a hex colour or is too light to read on white", () => {
    expect(problemsWith("branding.accentColour", "blue")).toMatchInlineSnapshot(`
      [
        "branding.accentColour must be a six-digit hex colour like "#1d4e89". Write it in quotes.",
      ]
    `);
    expect(problemsWith("branding.accentColour", "#f2b84b")).toMatchInlineSnapshot(`
      [
        "branding.accentColour has a contrast of 1.8:1 with white, below the 4.5:1 that text needs (WCAG AA). Choose a darker shade of your brand colour.",
      ]
    `);
  });

  it("refuses dates that are not dates, and a review more than a year away", () => {
    expect(problemsWith("policy.effectiveDate", "5th January")).toMatchInlineSnapshot(`
      [
        "policy.effectiveDate is not a date in the form YYYY-MM-DD ("5th January"). Write the date the policy takes effect, e.g. 2026-01-05.",
      ]
    `);
    expect(problemsWith("policy.reviewDate", "2028-01-05")).toMatchInlineSnapshot(`
      [
        "policy.reviewDate (2028-01-05) must fall after the effective date (2026-01-05) and at most 12 months later. Write a review date within a year.",
      ]
    `);
  });

  it("refuses a classification ceiling that is not one of the levels, or leaves nothing prohibited", () => {
    expect(problemsWith("dataClassification.highestAllowed", "Top Secret")).toMatchInlineSnapshot(`
      [
        "dataClassification.highestAllowed ("Top Secret") is not one of the levels (Public, Internal, Confidential, Restricted, Secret). Write one of them.",
      ]
    `);
    expect(problemsWith("dataClassification.highestAllowed", "Secret")).toMatchInlineSnapshot(`
      [
        "dataClassification.highestAllowed is the most sensitive level, so nothing would be prohibited. Choose a lower level; every level above it becomes prohibited input.",
      ]
    `);
  });

  it("refuses unknown products, addenda and misspelt fields", () => {
    expect(problemsWith("products", ["claude-enterprise", "chatgpt"])).toMatchInlineSnapshot(`
      [
        "products item 2 is "chatgpt", which is not a Claude product. Use only claude-enterprise, claude-cowork, claude-code, claude-api.",
      ]
    `);
    expect(problemsWith("addenda", ["retail"])).toMatchInlineSnapshot(`
      [
        "addenda item 1 is "retail", which is not an addendum. Use only financial-services, healthcare, legal.",
      ]
    `);
    expect(problemsWith("contacts.incident", { name: "x", email: "x@y.example" })).toMatchInlineSnapshot(`
      [
        "contacts has unknown field "incident". Check the spelling; the fields are: incidents, questions, incidentReportHours.",
      ]
    `);
  });

  it("refuses a product listed twice", () => {
    expect(problemsWith("products", ["claude-code", "claude-code"])).toMatchInlineSnapshot(`
      [
        "products lists "claude-code" twice. Remove the repeat.",
      ]
    `);
  });
});

describe("isPlaceholder", () => {
  it.each(["[DATE]", "[ORGANISATION NAME]", "Owner: [CUSTOMISE role]", "TBD", "todo later", "{{name}}"])(
    "treats %j as a placeholder",
    (value) => {
      expect(isPlaceholder(value)).toBe(true);
    },
  );

  it.each(["Kestrel Example Group", "Chief Information Security Officer", "IT Security [EMEA]-team", "Todoist Ltd"])(
    "treats %j as a real value",
    (value) => {
      expect(isPlaceholder(value)).toBe(false);
    },
  );
});
