import { ChangesStep } from "./ChangesStep.tsx";
import type { CourseMode } from "./courseMode.ts";
import { UpdateIntro } from "./UpdateIntro.tsx";

/**
 * An update: what changed (the changes view), then every scenario of the update course, which holds
 * only those the change touches. Its own plan and links rather than onboarding's, so that nothing
 * the onboarding page alone loaded becomes shared and weighs on the refresher's first load.
 */
export const updateMode: CourseMode = {
  plan: (course) => course.scenarios.map((s) => s.id),
  Intro: UpdateIntro,
  Policy: ChangesStep,
};
