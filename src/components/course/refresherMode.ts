import { refresherPlan } from "../../course/refresher.ts";
import type { CourseMode } from "./courseMode.ts";
import { RefresherIntro } from "./RefresherIntro.tsx";

/** The quarterly refresher: straight to this learner's quiz for the quarter. */
export const refresherMode: CourseMode = { plan: refresherPlan, Intro: RefresherIntro };
