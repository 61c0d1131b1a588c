import { courseResult } from "../course/courseResult.ts";
import type { CourseContext, CourseInput } from "./courseContext.ts";
import { decodeProgress } from "./progressCodec.ts";
import type { ScenarioResult } from "../course/scenarioResult.ts";
import type { ScenarioReplay } from "./scenarioReplay.ts";

export /** 16 random base-36 characters: identifies one attempt, so a double submit records once. */
function newAttemptId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b % 36).toString(36)).join("");
}

/** The starting context: fresh, or rebuilt from saved progress by replaying the saved choices. */
export function restoreCourse(
  { course, progress, receipt, learner }: CourseInput,
  { play, finishedPlay, startScenario }: ScenarioReplay,
): CourseContext {
  const fresh: CourseContext = {
    course,
    learner,
    resumeStep: "intro",
    attempt: 1,
    attemptId: "",
    opened: [],
    plan: [],
    scope: [],
    index: 0,
    finished: {},
    earlierMisses: {},
  };
  const saved = progress ? decodeProgress(progress, course.key) : undefined;
  if (!saved) return fresh;
  const id = (i: number) => course.scenarios[i]?.id;
  const plan = saved.plan.map(id);
  if (plan.some((p) => p === undefined)) return fresh;
  const now = Date.now();
  try {
    const finished: Record<string, ScenarioResult> = {};
    for (const [i, choices] of saved.finished) {
      const result = finishedPlay(id(i) ?? "", choices, now);
      if (!result) return fresh;
      finished[result.scenarioId] = result;
    }
    const ids = plan as string[];
    const scope =
      saved.attempt === 1 ? ids : course.scenarios.map((s) => s.id).filter((s) => s in finished || ids.includes(s));
    const current = ids[saved.index];
    const playing =
      saved.step === "scenarios" && current
        ? { id: current, ...play(current, saved.current, now, !saved.showingFeedback), shownAt: now }
        : startScenario(ids, saved.index, now);
    const context: CourseContext = {
      ...fresh,
      resumeStep: saved.step,
      attempt: saved.attempt,
      attemptId: saved.attemptId,
      opened: saved.opened.map((i) => course.policy.sections[i]?.number ?? "").filter(Boolean),
      plan: ids,
      scope,
      index: saved.index,
      finished,
      earlierMisses: saved.earlierMisses,
      playing,
    };
    if (saved.step === "done") return { ...context, result: courseResult(context), receipt };
    return saved.step === "acknowledgement" ? { ...context, result: courseResult(context) } : context;
  } catch {
    return fresh; // a saved choice that no longer fits the scenario: start afresh rather than stop
  }
}
