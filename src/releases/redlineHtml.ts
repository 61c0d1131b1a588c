import { escapeHtml } from "../policy/placeholders.ts";
import type { RedlinePart } from "./clauseChanges.ts";

/**
 * A redline as HTML, rendered on the server: `<ins>` and `<del>` carry the change for sighted
 * readers, and a visually hidden "added:" or "removed:" says it to screen readers, most of which
 * do not announce ins and del by themselves.
 */
export function redlineHtml(parts: readonly RedlinePart[]): string {
  return parts
    .map(({ text, change }) => {
      const words = escapeHtml(text);
      if (change === "added") return `<ins><span class="visually-hidden">added: </span>${words}</ins>`;
      if (change === "removed") return `<del><span class="visually-hidden">removed: </span>${words}</del>`;
      return words;
    })
    .join("");
}
