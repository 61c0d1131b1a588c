const rules = new Intl.PluralRules("en-GB");

/**
 * A count with its noun in the right form ("1 scenario", "3 scenarios"), chosen by the language's
 * plural rules rather than a "(s)" the learner has to read past. `other` defaults to `one` + "s".
 */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${rules.select(count) === "one" ? one : other}`;
}
