import { isProductAudience, type ProductAudience } from "../course/productAudiences.ts";
import { CLAUSE_ID } from "../lib/fieldRules.ts";

/**
 * What GET /api/me answers: the identity mode, and with single sign-on (a proxy's header, or the
 * provider sign-in of oidc) the learner and their history; with oidc and no sign-in, no learner.
 */
export interface Me {
  mode: "form" | "header" | "oidc";
  learner?: { id: string; email: string; name?: string };
  missedClauses?: string[];
  /** The products the learner's onboarding record shows they use, when there is one. */
  products?: ProductAudience[];
  /** The update course to take instead of the whole one: the learner's last acknowledgement is of an earlier material release. */
  updateHref?: string;
}

const text = (value: unknown): value is string => typeof value === "string" && value !== "";
const fields = (value: unknown): Record<string, unknown> =>
  ((typeof value === "object" && value) || {}) as Record<string, unknown>;

/**
 * Reads GET /api/me's answer, checked rather than cast (the page has no room for a schema library):
 * whatever does not fit counts as not said (no learner, no history, or form identity when the mode
 * itself is unclear), so a broken answer never shows a wrong name or clause.
 */
export function readMe(body: unknown): Me {
  const { mode, learner, missedClauses, products, updateHref } = fields(body);
  const { id, email, name } = fields(learner);
  if (mode !== "header" && mode !== "oidc") return { mode: "form" };
  return {
    mode,
    learner: text(id) && text(email) ? { id, email, name: text(name) ? name : undefined } : undefined,
    missedClauses: Array.isArray(missedClauses)
      ? missedClauses.filter((clause): clause is string => text(clause) && CLAUSE_ID.test(clause))
      : undefined,
    products: Array.isArray(products) ? products.filter(isProductAudience) : undefined,
    // Only a page of this site's own: an answer that names anything else is not followed.
    updateHref: /^\/update-[\d.]+$/.test(String(updateHref)) ? (updateHref as string) : undefined,
  };
}
