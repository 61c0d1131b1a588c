import type { CourseDefinition, ProductAudience } from "./courseDefinition.ts";
import { isProductAudience } from "./productAudiences.ts";

/** What the learner said on the intro step, from which the first attempt is planned. */
export interface CourseStart {
  /** The products the learner uses, whose scenarios they get too (the refresher: as kept from the onboarding). */
  audiences?: ProductAudience[];
  /** Refresher: who the learner is and which quarter it is, the quiz's seed. */
  learnerId?: string;
  quarter?: string;
  /** Refresher: clauses the learner missed in earlier quarters, when the target knows them. */
  missedClauses?: string[];
}

/**
 * Plans the scenarios of the first attempt, in play order. Each mode brings its own (onboarding
 * here, the refresher in refresher.ts), so that each page's JavaScript carries only its own.
 */
export type FirstAttemptPlan = (course: CourseDefinition, start: CourseStart) => string[];

/** Onboarding: every scenario for everyone, and those of the products the learner uses. */
export const onboardingPlan: FirstAttemptPlan = (course, { audiences = [] }) =>
  course.scenarios.filter((s) => !isProductAudience(s.audience) || audiences.includes(s.audience)).map((s) => s.id);
