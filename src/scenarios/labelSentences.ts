/**
 * How many sentences a choice label has. A sentence ends at `.`, `!` or `?` followed by a space
 * or the end of the label; abbreviations such as "e.g." and figures such as "14.8%" do not end one.
 */
export function labelSentences(label: string): number {
  const text = label.replace(/\b(e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St)\./g, "$1").trim();
  if (!text) return 0;
  const ends = text.match(/[.!?]["'”’)]*(?=\s|$)/g)?.length ?? 0;
  return Math.max(1, ends + (/[.!?]["'”’)]*$/.test(text) ? 0 : 1));
}
