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

/**
 * A reason joined to the action after a comma, semicolon or dash: "Paste it, as Claude keeps nothing".
 * A condition ("Agree, as long as he deletes the chats") is part of the action, not its reason.
 */
const JOINED_REASON =
  /(?:[,;:]|\s[—–-])\s*(?:as(?!\s+(?:long|soon|well)\s+as)|since|because|so|so that|given|which|to avoid|otherwise|in case)\b/i;

/**
 * Whether a choice label gives its reason as well as its action: a second sentence, a "because",
 * or a reason joined on after a comma. Wrong choices used to carry one, so it told the answer apart.
 */
export function labelGivesReason(label: string): boolean {
  return labelSentences(label) > 1 || /\bbecause\b/i.test(label) || JOINED_REASON.test(label);
}
