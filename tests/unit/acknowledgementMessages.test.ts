import { describe, expect, it } from "vitest";
import { validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import { invalidBodyMessage } from "../../src/server/learnerMessages.ts";

/** The fields the server names for a body, as the handler makes them from the schema's issues. */
function refused(body: unknown) {
  const parsed = AcknowledgementBodySchema.safeParse(body);
  if (parsed.success) throw new Error("the body was accepted");
  return parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
}

describe("what the learner reads when the acknowledgement's body is refused", () => {
  it("says how to write the email address, with an example, and names no path", () => {
    const body = validBody("email0001");
    const fields = refused({ ...body, learner: { ...body.learner, email: "ada@kestrel" } });
    expect(fields.map((f) => f.field)).toEqual(["learner.email"]);
    expect(invalidBodyMessage(fields)).toBe(
      "Check your email address: it needs a name, an @ and a domain, like ada@example.com.",
    );
  });

  it("gives each typed field's advice once, what the learner can correct before the reload", () => {
    const body = validBody("many00001");
    const fields = refused({
      ...body,
      attemptId: "NOT VALID",
      typedName: "Ada\tLovelace",
      learner: { name: "Ada\tLovelace", email: "nobody", employeeId: "" },
    });
    const message = invalidBodyMessage(fields);
    expect(message.split(". Check").length).toBe(3); // name (the signature's too), email, employee ID
    expect(message).toMatch(/^Check your full name: type it on one line, in at most 120 characters\. /);
    expect(message).toContain("Check your email address");
    expect(message).toContain("Check your employee ID");
    expect(message).toMatch(/Reload the page and press the button again: your answers are kept\. .*\.$/);
    expect(message).not.toMatch(/learner\.|attemptId|typedName/);
  });

  it("asks for a reload when the course, not the learner, sent what the server cannot read", () => {
    expect(invalidBodyMessage(refused([]))).toMatch(
      /^The course sent something the records server cannot read\. Reload the page/,
    );
    const body = validBody("score0001");
    expect(invalidBodyMessage(refused({ ...body, result: { ...body.result, score: "high" } }))).toBe(
      invalidBodyMessage(refused([])),
    );
  });
});
