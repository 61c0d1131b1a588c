import { renderMarkdown } from "../policy/markdown.ts";
import { escapeHtml, fillPlaceholders, PLACEHOLDER, type PlaceholderValue } from "../policy/placeholders.ts";
import type { EmailTemplate } from "./emailTemplates.ts";
import type { SendValues } from "./templateKeys.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * One email from its template: the organisation's values and this send's (`send`). The HTML part
 * is the Markdown rendered with the values escaped (the policy's own filling, so a name holding `*`
 * or `<` stays text); the text part and subject take the values as they are.
 */
export function renderEmail(template: EmailTemplate, organisation: SendValues, send: SendValues): RenderedEmail {
  const all = { ...organisation, ...send };
  const values = new Map<string, PlaceholderValue>(Object.entries(all).map(([key, text]) => [key, { text }]));
  const filled = fillPlaceholders(template.body, values);
  // The templates were checked at build; a key left over means a template and its keys disagree.
  if (filled.unknown.length)
    throw new Error(`${template.file}: no value for {{${filled.unknown[0]?.key}}}: the email cannot be sent.`);
  const plain = (text: string) => text.replace(PLACEHOLDER, (_, key: string) => all[key] ?? "");
  return {
    subject: plain(template.subject).replace(/\s+/g, " ").trim(),
    text: plain(template.body).trim() + "\n",
    html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(plain(template.subject))}</title></head><body>${renderMarkdown(filled.text)}</body></html>`,
  };
}
