import { z } from "zod";
import { describe, expect, it } from "vitest";
import { RecordSchema } from "../../src/records/record.ts";
import { shapeOf } from "../../src/records/shapeOf.ts";
import { checkStoredShape } from "../../src/records/storedShape.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import { recordAt } from "../support/records.ts";

const record = recordAt(1, "2026-01-01T09:00:00.000Z");
const withResult = (change: (result: Record<string, unknown>) => void) => {
  const result: Record<string, unknown> = structuredClone(record.result);
  change(result);
  return { ...record, result };
};
const problemsOf = (value: unknown) => {
  const checked = checkStoredShape(RecordSchema, value);
  return checked.ok ? "" : checked.problems;
};

describe("the stored result, read back", () => {
  it("has exactly the acknowledgement body's result fields and the attempt id, from the body's schema", () => {
    const stored = RecordSchema.shape.result.shape;
    const body = AcknowledgementBodySchema.shape;
    expect(Object.keys(stored).sort()).toEqual([...Object.keys(body.result.shape), "attemptId"].sort());
    expect(Object.keys(RecordSchema.shape.policy.shape)).toEqual(Object.keys(body.policy.shape));
  });

  it("is checked for its shape, not for the body's rules: a record keeps what was accepted when it was written", () => {
    // The fixtures' attempt ids ("attempt-1") and an empty scenario list are outside today's body rules.
    expect(AcknowledgementBodySchema.shape.attemptId.safeParse(record.result.attemptId).success).toBe(false);
    expect(problemsOf(record)).toBe("");
    expect(problemsOf(withResult((r) => (r.scenarios = [])))).toBe("");
  });

  it("refuses a wrong type, an unknown field and a fractional attempt, in the reader's words", () => {
    expect(problemsOf(withResult((r) => (r.score = "high")))).toBe('result.score must be a number, not "high"');
    expect(problemsOf(withResult((r) => (r.attemptId = 7)))).toBe("result.attemptId must be text, not 7");
    expect(problemsOf(withResult((r) => (r.attempt = 1.5)))).toMatch(/^result\.attempt /);
    expect(problemsOf(withResult((r) => (r.note = "later")))).toBe(
      "result has a field this version does not know: note",
    );
    expect(problemsOf(withResult((r) => delete r.attemptId))).toBe("result.attemptId is missing");
  });
});

describe("shapeOf", () => {
  it("keeps types, enums, optional fields and strictness, and drops lengths, ranges, patterns and refinements", () => {
    const schema = shapeOf(
      z.object({
        name: z
          .string()
          .min(3)
          .regex(/^[a-z]+$/)
          .refine(() => false),
        kind: z.enum(["a", "b"]),
        count: z.number().int().max(2),
        tags: z.array(z.string()).min(5).optional(),
      }),
    );
    expect(schema.safeParse({ name: "X", kind: "a", count: 9 }).success).toBe(true);
    expect(schema.safeParse({ name: "X", kind: "c", count: 9 }).success).toBe(false);
    expect(schema.safeParse({ name: "X", kind: "a", count: 9.5 }).success).toBe(false);
    expect(schema.safeParse({ name: "X", kind: "a", count: 9, extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ name: "X", kind: "a", count: 9, tags: [1] }).success).toBe(false);
  });

  it("stops at a kind of schema it does not know, rather than let it through unchecked", () => {
    expect(() => shapeOf(z.object({ when: z.date() }))).toThrow(
      "shapeOf does not know this kind of schema (date): teach it in src/records/shapeOf.ts.",
    );
  });
});
