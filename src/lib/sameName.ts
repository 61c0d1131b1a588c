const normal = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("en");

/** Whether two typed names are the same person's name, ignoring case, spacing and Unicode form. */
export function sameName(a: string, b: string): boolean {
  return normal(a) === normal(b);
}

/**
 * A name as a number (FNV-1a of its normal form, 30 bits): equal for names sameName calls the same.
 * The records index keeps this instead of the name, a small number a record rather than a string;
 * two different names share one by a chance of about one in a billion.
 */
export function nameKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of normal(name)) {
    const code = char.codePointAt(0) as number;
    hash = Math.imul(hash ^ code, 0x01000193) >>> 0;
  }
  return hash & 0x3fffffff;
}
