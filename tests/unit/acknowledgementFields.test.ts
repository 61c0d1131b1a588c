import { describe, expect, it } from "vitest";
import { acknowledgementProblems, formFieldOf } from "../../src/lib/acknowledgementFields.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";

const fields = (learner: { name: string; email: string; employeeId: string }) => ({ ...learner, typedName: "" });

/** The learner fields the server's schema refuses in a body carrying `learner`, as form field names. */
function serverRefuses(learner: { name: string; email: string; employeeId: string }): string[] {
  const parsed = AcknowledgementBodySchema.safeParse({ learner, typedName: learner.name });
  const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
  const learnerFields = paths
    .filter((path) => path.startsWith("learner."))
    .map((path) => path.slice("learner.".length));
  return [...new Set(learnerFields)];
}

describe("the acknowledgement form's rules", () => {
  const good = { name: "Ada Lovelace", email: "ada.lovelace@kestrel.example", employeeId: "E-1815" };

  it("takes a complete form and names each field that is not", () => {
    expect(acknowledgementProblems(fields(good), true)).toEqual({});
    expect(Object.keys(acknowledgementProblems(fields({ name: " ", email: "", employeeId: "" }), true))).toEqual([
      "name",
      "email",
      "employeeId",
    ]);
    expect(acknowledgementProblems(fields({ ...good, email: "ada@kestrel" }), true)).toEqual({
      email: '"ada@kestrel" is not a full email address: write it with its domain, e.g. ada@yourcompany.com.',
    });
  });

  it("refuses exactly what the server's schema refuses, field by field", () => {
    const cases = [
      good,
      { ...good, email: "ada@kestrel" },
      { ...good, email: "ada" },
      { ...good, email: "ada@kestrel." },
      { ...good, email: "  ada@kestrel.example " },
      { ...good, email: `${"a".repeat(250)}@kestrel.example` },
      { ...good, name: "" },
      { ...good, name: "Ada\tLovelace" },
      { ...good, name: "A".repeat(121) },
      { ...good, name: "A".repeat(120) },
      { ...good, employeeId: "   " },
      { ...good, employeeId: "E".repeat(65) },
    ];
    for (const learner of cases)
      expect(Object.keys(acknowledgementProblems(fields(learner), true)), JSON.stringify(learner)).toEqual(
        serverRefuses(learner),
      );
  });

  it("asks only for the typed signature when the target knows who signs", () => {
    expect(acknowledgementProblems({ name: "", email: "", employeeId: "", typedName: "A" }, false)).toEqual({
      typedName: "Type your full name to sign.",
    });
    expect(acknowledgementProblems({ name: "", email: "", employeeId: "", typedName: "Ada Lovelace" }, false)).toEqual(
      {},
    );
  });

  it("puts each server problem on its form field, the signature on the name when the learner types who they are", () => {
    expect(formFieldOf("learner.email", true)).toBe("email");
    expect(formFieldOf("learner.employeeId", true)).toBe("employeeId");
    expect(formFieldOf("typedName", true)).toBe("name");
    expect(formFieldOf("typedName", false)).toBe("typedName");
    expect(formFieldOf("attemptId", true)).toBeUndefined();
    expect(formFieldOf("result.score", false)).toBeUndefined();
  });
});
