import { z } from "zod";

/**
 * A schema's shape without its rules: the same fields, types, enums and whole numbers, every object
 * strict, but no lengths, ranges, patterns or refinements, and none of its messages (the reader's
 * own, in storedShape.ts, say what is wrong in a stored file's terms). Records read back are checked
 * this way against the acknowledgement body's schema, their one definition: a record keeps what the
 * body accepted when it was written, even once a rule is tightened, and a line is quick to check.
 * It knows the kinds of schema the body uses; any other kind stops it at once (at load), to be added here.
 */
export function shapeOf<Schema extends z.ZodType>(schema: Schema): Schema {
  return bare(schema) as Schema;
}

function bare(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject)
    return z.strictObject(
      Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, bare(field as z.ZodType)])),
    );
  if (schema instanceof z.ZodArray) return z.array(bare(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return bare(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodEnum) return z.enum(schema.enum);
  if (schema instanceof z.ZodBoolean) return z.boolean();
  if (schema instanceof z.ZodString) return z.string();
  // A whole number is a type here, not a rule: a record's attempt was never 1.5.
  if (schema instanceof z.ZodNumber && schema.format === null) return z.number();
  if (schema instanceof z.ZodNumber && schema.format === "safeint") return z.int();
  throw new Error(
    `shapeOf does not know this kind of schema (${schema._zod.def.type}): teach it in src/records/shapeOf.ts.`,
  );
}
