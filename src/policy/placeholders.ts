import { countOf } from "../lib/plural.ts";
import { PRODUCTS } from "../schemas/organisation.ts";
import type { LoadedOrganisation } from "./organisation.ts";

/** A placeholder's value, or the reason it is still unfilled (preview only). */
export type PlaceholderValue = { text: string } | { unfilled: string };
export type PlaceholderValues = ReadonlyMap<string, PlaceholderValue>;

/** `{{key}}`, with optional spaces inside the braces. */
export const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "Ask the AI Governance Office": a team's name reads naturally in a sentence only with its article. */
export function inText(contact: { name: string; inText?: string | undefined }): string {
  return contact.inText ?? contact.name;
}

/** "24 hours", "1 hour": running text needs the plural the count takes. */
export function incidentReportTime(contacts: { incidentReportHours: number }): string {
  return countOf(contacts.incidentReportHours, "hour");
}

/**
 * Every `{{key}}` the policy and scenarios may use: the organisation settings by their path
 * (`contacts.incidents.email`), plus a few values derived for reading (`products.list`).
 */
export function placeholderValues({ org, raw, problems }: LoadedOrganisation): PlaceholderValues {
  const values = new Map<string, PlaceholderValue>();
  // With problems (preview), text comes from the file as written so that valid values still show.
  flatten(problems.length ? raw : org, "", values);
  const { levels, highestAllowed } = org.dataClassification;
  const derived: Record<string, string> = {
    "organisation.shortName": org.organisation.shortName ?? org.organisation.name,
    "policy.effectiveDate": formatDate(org.policy.effectiveDate),
    "policy.reviewDate": formatDate(org.policy.reviewDate),
    "dataClassification.prohibitedLevels": joinList(levels.slice(levels.indexOf(highestAllowed) + 1), "or"),
    "contacts.incidents.inText": inText(org.contacts.incidents),
    "contacts.questions.inText": inText(org.contacts.questions),
    "contacts.incidentReportTime": incidentReportTime(org.contacts),
    "products.list": joinList(
      org.products.map((product) => PRODUCTS[product]),
      "and",
    ),
  };
  for (const [key, text] of Object.entries(derived)) values.set(key, { text });
  // A derived value depends on its group: when that group has a problem, the value is unfilled too.
  for (const problem of problems) {
    const field = problem.location ?? "";
    const group = field.split(".")[0] ?? "";
    // A field whose value is not text at all still counts as known (and unfilled), not as a typo.
    if (field && !values.has(field)) values.set(field, { unfilled: problem.message });
    for (const key of values.keys())
      if (key === field || key.startsWith(`${field}.`) || (key in derived && key.startsWith(`${group}.`)))
        values.set(key, { unfilled: problem.message });
  }
  return values;
}

export interface FilledText {
  text: string;
  /** Placeholders that name no known value, with the line they are on (1-based, within `text`). */
  unknown: { key: string; line: number }[];
}

/**
 * Replaces `{{key}}` in Markdown. Values are escaped so that an organisation name with `*` or `<`
 * stays text; unfilled values become a visible `<mark>` so that a preview shows what is missing.
 */
export function fillPlaceholders(markdown: string, values: PlaceholderValues): FilledText {
  const unknown: FilledText["unknown"] = [];
  const text = markdown.replace(PLACEHOLDER, (match, key: string, offset: number) => {
    const value = values.get(key) ?? unfilledAncestor(key, values);
    if (!value) {
      unknown.push({ key, line: markdown.slice(0, offset).split("\n").length });
      return match;
    }
    if ("text" in value) return escapeMarkdown(value.text);
    return `<mark class="unfilled" title="${escapeHtml(value.unfilled)}">[${key}]</mark>`;
  });
  return { text, unknown };
}

/** `{{a.b.c}}` under a group `a` or `a.b` that is itself wrong (say, a list instead of a mapping). */
function unfilledAncestor(key: string, values: PlaceholderValues): PlaceholderValue | undefined {
  const parts = key.split(".");
  for (let length = parts.length - 1; length > 0; length--) {
    const value = values.get(parts.slice(0, length).join("."));
    if (value && "unfilled" in value) return value;
  }
  return undefined;
}

/** Keys of all placeholders used in a text. */
export function placeholderKeys(markdown: string): string[] {
  return [...markdown.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

function flatten(value: unknown, prefix: string, into: Map<string, PlaceholderValue>): void {
  // A list is text only when every item is; anything else is a settings problem reported elsewhere.
  if (Array.isArray(value)) {
    if (value.every(isScalar)) into.set(prefix, { text: value.map(String).join(", ") });
  } else if (typeof value === "object" && value !== null)
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  else if (isScalar(value)) into.set(prefix, { text: String(value).trim() });
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : longDate.format(time);
}

/** "a", "a and b", "a, b and c" (or "or"). */
function joinList(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, "\\$&");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
