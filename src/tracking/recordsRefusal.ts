/** A problem the records server tied to one field of the body ("learner.email"), in its words. */
export interface RefusedField {
  field: string;
  message: string;
}

/**
 * The records server's "no", as the course keeps it: its message (which already says what to do)
 * and the fields it names, so that the form shows each problem on its own field.
 */
export class RecordsRefusal extends Error {
  readonly fields: readonly RefusedField[];
  constructor(message: string, fields: readonly RefusedField[] = []) {
    super(message);
    this.fields = fields;
  }
}

/** The fields of a server answer's `fields`, keeping only well-formed entries: the answer is untrusted JSON. */
export function refusedFields(fields: unknown): RefusedField[] {
  if (!Array.isArray(fields)) return [];
  return fields.filter((entry: unknown): entry is RefusedField => {
    const f = entry as Partial<Record<keyof RefusedField, unknown>> | null;
    return typeof f === "object" && f !== null && typeof f.field === "string" && typeof f.message === "string";
  });
}
