import { onboardingPlan } from "../../course/firstAttempt.ts";
import { ChangesStep } from "./ChangesStep.tsx";
import type { CourseMode } from "./courseMode.ts";
import { UpdateIntro } from "./UpdateIntro.tsx";

/** An update: what changed (the changes view), then only the scenarios it touches (the update course's own). */
export const updateMode: CourseMode = { plan: onboardingPlan, Intro: UpdateIntro, Policy: ChangesStep };
