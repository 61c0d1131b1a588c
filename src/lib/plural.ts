const rules = new Intl.PluralRules("en");
const numbers = new Intl.NumberFormat("en");

/**
 * "1 problem", "2 problems", "1,204 employees": a count with its noun in the right form, so that no
 * message says "problem(s)". `plural` is for nouns that do not just take an s.
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${numbers.format(count)} ${rules.select(count) === "one" ? singular : plural}`;
}
