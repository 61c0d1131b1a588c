import { onboardingPlan } from "../../course/firstAttempt.ts";
import type { CourseMode } from "./courseMode.ts";
import { OnboardingIntro } from "./OnboardingIntro.tsx";
import { LazyPolicyStep } from "./LazyPolicyStep.tsx";

/** Onboarding: the key rules (the full policy one click away), then the scenarios of everyone and of the learner's products. */
export const onboardingMode: CourseMode = { plan: onboardingPlan, Intro: OnboardingIntro, Policy: LazyPolicyStep };
