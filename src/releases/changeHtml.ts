import { escapeHtml } from "../policy/placeholders.ts";
import type { ClauseChange, PlacedClause } from "./clauseChanges.ts";
import { redlineHtml } from "./redlineHtml.ts";

/** One change as the update course shows it: rendered at build time, so the browser gets plain HTML. */
export interface ChangeView {
  kind: ClauseChange["kind"];
  /** The clause's id and title where the change leaves it (where it was, for a removal). */
  id: string;
  title: string;
  /** The redline (or the added or removed text), as the What-changed pages render it. */
  html: string;
}

const where = (clause: PlacedClause) => `${clause.id}, in ${clause.section} ${clause.sectionTitle}`;
const hidden = (words: string) => `<span class="visually-hidden">${words} </span>`;

/** The same rendering as ClauseChangeList.astro (ins/del with hidden "added:"/"removed:"), as a string. */
export function changeView(change: ClauseChange): ChangeView {
  const shown = change.kind === "removed" ? change.before : change.after;
  const parts: string[] = [];
  if (change.kind === "added") parts.push(`<p><ins>${hidden("added:")}${escapeHtml(change.after.text)}</ins></p>`);
  if (change.kind === "removed") parts.push(`<p><del>${hidden("removed:")}${escapeHtml(change.before.text)}</del></p>`);
  if (change.kind === "moved" || (change.kind === "reworded" && change.moved))
    parts.push(
      `<p class="change__moved">Moved from ${escapeHtml(where(change.before))} to ${escapeHtml(where(change.after))}.</p>`,
    );
  if (change.kind === "reworded") {
    if (change.before.title !== change.after.title)
      parts.push(`<p class="change__title">Title: ${redlineHtml(change.title)}</p>`);
    parts.push(`<p class="redline">${redlineHtml(change.text)}</p>`);
  }
  return { kind: change.kind, id: shown.id, title: shown.title, html: parts.join("") };
}
