/**
 * JSON with object keys sorted at every level, so that the same record always gives the same
 * text (and the same hash) whatever order its fields were built in: JSON.stringify of a copy
 * built with sorted keys (the definition every stored hash was made with). Only the objects whose
 * keys are out of order are copied, and the text is written by the native JSON.stringify: every
 * record's hash is checked at each full verification, and this was most of its cost.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const sortedItem = sorted(item);
      if (sortedItem !== item) (copy ??= [...items])[i] = sortedItem;
    }
    return copy ?? items;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let fields: unknown[] | undefined; // the fields, once one of them or the key order has to change
  if (!inOrder(keys)) fields = keys.map((key) => object[key]);
  for (let i = 0; i < keys.length; i++) {
    const field = object[keys[i] as string];
    const sortedField = sorted(field);
    if (sortedField !== field) (fields ??= keys.map((key) => object[key]))[i] = sortedField;
  }
  if (!fields) return value;
  // Added in sorted order; JavaScript then lists array-index keys ("0", "12") first, in numeric
  // order, as it did for the copies the stored hashes were made from.
  const order = keys.map((_, i) => i).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
  // No prototype, so that a "__proto__" field is a field like any other.
  const copy = Object.create(null) as Record<string, unknown>;
  for (const i of order) copy[keys[i] as string] = fields[i];
  return copy;
}

/** Whether keys as JavaScript lists them are already in the order a sorted copy would have. */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    const previous = keys[i - 1] as string;
    // Array-index keys always come first, in numeric order: only the others can be out of order.
    if (previous > (keys[i] as string) && !isIndex(previous)) return false;
  }
  return true;
}

function isIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}
