import type { CourseDefinition } from "./courseDefinition.ts";
import { durationKey } from "./durationKey.ts";
import { PRODUCT_AUDIENCES } from "./productAudiences.ts";

/**
 * How long onboarding takes as the home page and the reminder emails say it: for a learner who uses
 * none of the products the intro asks about, and for one who uses them all (the longest), with
 * those products named ("Claude Code, Cowork agents and the Claude API").
 */
export function onboardingDuration(onboarding: Pick<CourseDefinition, "duration" | "productAudiences">): {
  base: string;
  everyProduct?: { duration: string; products: string };
} {
  const base = onboarding.duration[""] ?? "";
  const key = durationKey(onboarding.productAudiences, onboarding.productAudiences);
  if (!key) return { base };
  const products = new Intl.ListFormat("en-GB", { type: "conjunction" }).format(
    onboarding.productAudiences.map((audience) => PRODUCT_AUDIENCES[audience].inText),
  );
  return { base, everyProduct: { duration: onboarding.duration[key] ?? base, products } };
}
