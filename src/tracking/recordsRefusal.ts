/** A problem the records server tied to one field of the body ("learner.email"), in its words. */
export interface RefusedField {
  field: string;
  message: string;
}

/** The fields of a server answer's `fields`, keeping only well-formed entries: the answer is untrusted JSON. */
export function refusedFields(fields: unknown): RefusedField[] {
  if (!Array.isArray(fields)) return [];
  return fields.filter((entry: unknown): entry is RefusedField => {
    const f = entry as Partial<Record<keyof RefusedField, unknown>> | null;
    return typeof f === "object" && f !== null && typeof f.field === "string" && typeof f.message === "string";
  });
}
