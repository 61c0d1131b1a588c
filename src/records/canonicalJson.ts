/**
 * JSON with object keys sorted at every level, so that the same record always gives the same
 * text (and the same hash) whatever order its fields were built in. Written out directly rather
 * than by sorting copies and calling JSON.stringify: every record's hash is checked at each full
 * verification, and this is most of its cost. The text is exactly what
 * `JSON.stringify` gives for a copy built with sorted keys (undefined fields left out), the
 * definition every stored hash was made with.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      text += (i ? "," : "") + (item === undefined ? "null" : canonicalJson(item));
    }
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  let text = "{";
  let first = true;
  for (const key of sortedKeys(object)) {
    const field = object[key];
    if (field === undefined) continue;
    text += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(field)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * Keys in the order a sorted copy of the object would list them: JavaScript lists keys that are
 * array indices ("0", "12") first, in numeric order, whatever order they were added in.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object).sort();
  if (!keys.some(isIndex)) return keys;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((key) => !isIndex(key))];
}

function isIndex(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57 && /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}
