import { onboardingPlan } from "../../course/firstAttempt.ts";
import type { CourseMode } from "./courseMode.ts";
import { OnboardingIntro } from "./OnboardingIntro.tsx";
import { PolicyStep } from "./PolicyStep.tsx";

/** Onboarding: read every section of the policy, then the scenarios of everyone and of the learner's products. */
export const onboardingMode: CourseMode = { plan: onboardingPlan, Intro: OnboardingIntro, Policy: PolicyStep };
