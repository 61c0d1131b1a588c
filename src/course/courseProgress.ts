import { missedScenarios } from "./courseResult.ts";
import type { CourseContext } from "../machines/courseContext.ts";
import type { CourseStep } from "../machines/progressCodec.ts";

/**
 * How far the learner is through the course, from 0 to 1: each policy section opened, each scenario
 * done (and not waiting to be played again) and the acknowledgement count as one part each. It is
 * 1 only once acknowledged, so that an LMS that derives completion from it (SCORM 2004's
 * progress_measure against the manifest's completion threshold) says incomplete until then.
 */
export function courseProgress(context: CourseContext, step: CourseStep): number {
  if (step === "done") return 1;
  const { course, opened, scope, plan, index, finished, result } = context;
  const waiting = new Set(
    step === "scenarios" ? plan.slice(index) : result && !result.passed ? missedScenarios(result) : [],
  );
  const sections = course.mode === "onboarding" ? course.policy.sections.length : 0;
  const done = opened.length + scope.filter((id) => id in finished && !waiting.has(id)).length;
  return done / (sections + scope.length + 1);
}
