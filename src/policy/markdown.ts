import { Marked, type Token } from "marked";

const marked = new Marked({ gfm: true, async: false });

/** Renders clause Markdown to HTML. */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/**
 * The words of a Markdown text without its formatting: emphasis, list markers and line breaks
 * do not count, so rewrapping or restyling the text leaves it (and the policy hash) unchanged.
 */
export function plainText(markdown: string): string {
  return normaliseText(tokensText(marked.lexer(markdown)));
}

export function normaliseText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

function tokensText(tokens: readonly Token[]): string {
  return tokens.map(tokenText).join(" ");
}

function tokenText(token: Token): string {
  if (token.type === "list") return (token.items as Token[]).map(tokenText).join(" ");
  if ("tokens" in token && token.tokens) return tokensText(token.tokens);
  const text = "text" in token && typeof token.text === "string" ? token.text : "";
  return token.type === "html" ? text.replace(/<[^>]*>/g, "") : text;
}
