import { assertEvent, assign, fromPromise } from "xstate";
import { lightSetup } from "./lightSetup.ts";
import type { CourseDefinition } from "../course/courseDefinition.ts";
import { acknowledgedResult, courseResult, missedScenarios } from "../course/courseResult.ts";
import { withMissesOf } from "../course/earlierMisses.ts";
import type { CourseStart, FirstAttemptPlan } from "../course/firstAttempt.ts";
import { courseProgress } from "../course/courseProgress.ts";
import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  CourseResult,
  ScenarioPlay,
} from "../tracking/tracker.ts";
import type { CourseContext, CourseInput } from "./courseContext.ts";
import { encodeProgress, type CourseStep } from "./progressCodec.ts";
import { newAttemptId, restoreCourse } from "./restoreCourse.ts";
import { scenarioReplay } from "./scenarioReplay.ts";

export type { CourseContext, CourseInput };

/** What the course saves at each step: the progress string and how far through the learner is (0 to 1). */
export interface SavedProgress {
  progress: string;
  measure: number;
}

export type CourseEvent =
  | ({ type: "course.start" } & CourseStart)
  | { type: "section.open"; section: string }
  | { type: "policy.done" }
  | { type: "choice.select"; index: number; at?: number }
  | { type: "feedback.continue" }
  | { type: "scenario.finish" }
  | { type: "course.retry" }
  | { type: "course.acknowledge" }
  | { type: "acknowledgement.submit"; typedName: string; learner?: AcknowledgementRequest["learner"] };

/**
 * The course: intro → policy (open every section; onboarding only) → scenarios → result (retry the
 * missed scenarios below the pass mark) → acknowledgement → done. It saves progress at every step so
 * that a reload resumes. What it reports (saveProgress, reportScenario, reportResult and the
 * recordAcknowledgement actor) are named effects that do nothing here: each target provides its
 * tracker's with `trackCourse`. `plan` picks the first attempt's scenarios: onboardingPlan or
 * refresherPlan, as the course's mode says.
 */
export function createCourseMachine(course: CourseDefinition, plan: FirstAttemptPlan) {
  const replay = scenarioReplay(course);
  const { advance, finish, startScenario, bankIndex } = replay;
  /** An attempt at `scenarios`, from the first. */
  const attempt = (scenarios: string[], number: number) => ({
    plan: scenarios,
    index: 0,
    attempt: number,
    playing: startScenario(scenarios, 0, Date.now()),
  });
  const scenarioEnds = ({ playing }: CourseContext) => !!playing && !!finish(playing);
  /** Saved progress at `step`: the compact string the tracker keeps. */
  const progress = (context: CourseContext, step: CourseStep) =>
    encodeProgress({
      courseKey: course.key,
      step,
      opened: context.opened.map((n) => course.policy.sections.findIndex((s) => s.number === n)),
      attempt: context.attempt,
      attemptId: context.attemptId,
      plan: context.plan.map(bankIndex),
      index: context.index,
      finished: new Map(
        Object.entries(context.finished).map(([id, r]) => [bankIndex(id), r.answers.map((a) => a.choice)]),
      ),
      current: context.playing?.answers.map((a) => a.choice) ?? [],
      showingFeedback: context.playing?.showingFeedback ?? false,
      earlierMisses: { ...context.earlierMisses },
    });
  /** The scenario just played to its end, as the tracker reports it. */
  const finishedPlay = ({ playing, finished, attempt: number }: CourseContext): ScenarioPlay | undefined => {
    const result = playing && finished[playing.id];
    const title = course.scenarios.find((s) => s.id === playing?.id)?.title ?? "";
    return result && { ...result, title, attempt: number };
  };
  const save = (step: CourseStep) => ({
    type: "saveProgress" as const,
    params: ({ context }: { context: CourseContext }): SavedProgress => ({
      progress: progress(context, step),
      measure: courseProgress(context, step),
    }),
  });
  const report = {
    type: "reportScenario" as const,
    params: ({ context }: { context: CourseContext }) => finishedPlay(context),
  };

  return lightSetup({
    types: { context: {} as CourseContext, events: {} as CourseEvent, input: {} as CourseInput },
    actors: {
      recordAcknowledgement: fromPromise<AcknowledgementReceipt, AcknowledgementRequest>(() =>
        Promise.reject(new Error("This course reports to no tracker.")),
      ),
    },
    guards: {
      resumeAt: ({ context }, params: { step: CourseStep }) => context.resumeStep === params.step,
      // Onboarding reads the policy; an update reads what changed.
      readsPolicy: () => course.mode !== "refresher",
      choiceAccepted: ({ context: { playing }, event }) => {
        assertEvent(event, "choice.select");
        return !!playing && advance(playing, event).answers.length > playing.answers.length;
      },
      scenarioEnds: ({ context }) => scenarioEnds(context),
      // An empty plan ends at once: only an update can have nothing to quiz on (read, then acknowledge).
      lastScenarioEnds: ({ context }) =>
        (!context.plan.length || scenarioEnds(context)) && context.index >= context.plan.length - 1,
      passed: ({ context }) => context.result?.passed === true,
      failed: ({ context }) => context.result?.passed === false,
      nameGiven: ({ event }) => {
        assertEvent(event, "acknowledgement.submit");
        return event.typedName.trim().length > 1;
      },
    },
    actions: {
      // The tracker's effects: nothing here; each target provides its tracker's (trackCourse).
      saveProgress: (_, _saved: SavedProgress) => {},
      reportScenario: (_, _play: ScenarioPlay | undefined) => {},
      reportResult: (_, _result: CourseResult | undefined) => {},
      planFirstAttempt: assign(({ event }) => {
        assertEvent(event, "course.start");
        const first = plan(course, event);
        return { ...attempt(first, 1), scope: first, attemptId: newAttemptId(), finished: {}, earlierMisses: {} };
      }),
      openSection: assign(({ context, event }) => {
        assertEvent(event, "section.open");
        return !context.opened.includes(event.section) && course.policy.sections.some((s) => s.number === event.section)
          ? { opened: [...context.opened, event.section] }
          : {};
      }),
      applyChoice: assign(({ context: { playing }, event }) => {
        assertEvent(event, "choice.select");
        return playing ? { playing: advance(playing, { ...event, at: event.at ?? Date.now() }) } : {};
      }),
      applyContinue: assign(({ context: { playing } }) =>
        playing ? { playing: { ...advance(playing, { type: "feedback.continue" }), shownAt: Date.now() } } : {},
      ),
      finishScenario: assign(({ context: { playing, finished } }) => {
        const result = playing && finish(playing);
        return playing && result ? { finished: { ...finished, [playing.id]: result } } : {};
      }),
      startNextScenario: assign(({ context }) => ({
        index: context.index + 1,
        playing: startScenario(context.plan, context.index + 1, Date.now()),
      })),
      computeResult: assign(({ context }) => ({ playing: undefined, result: courseResult(context) })),
      planRetry: assign(({ context }) => ({
        ...attempt(context.result ? missedScenarios(context.result) : [], context.attempt + 1),
        earlierMisses: context.result ? withMissesOf(context.earlierMisses, context.result) : context.earlierMisses,
        result: undefined,
      })),
    },
  }).createMachine({
    id: "course",
    context: ({ input }) => restoreCourse(input, replay),
    initial: "resuming",
    states: {
      resuming: {
        always: [
          { guard: { type: "resumeAt", params: { step: "policy" } }, target: "policy" },
          { guard: { type: "resumeAt", params: { step: "scenarios" } }, target: "scenarios" },
          { guard: { type: "resumeAt", params: { step: "result" } }, target: "result" },
          { guard: { type: "resumeAt", params: { step: "acknowledgement" } }, target: "acknowledgement" },
          { guard: { type: "resumeAt", params: { step: "done" } }, target: "done" },
          { target: "intro" },
        ],
      },
      intro: {
        on: {
          "course.start": [
            { guard: "readsPolicy", target: "policy", actions: "planFirstAttempt" },
            { target: "scenarios", actions: "planFirstAttempt" },
          ],
        },
      },
      policy: {
        entry: save("policy"),
        on: {
          "section.open": { actions: ["openSection", save("policy")] },
          // The key rules are on the step itself; opening the full text is the learner's choice.
          "policy.done": { target: "scenarios" },
        },
      },
      scenarios: {
        entry: save("scenarios"),
        on: {
          "choice.select": {
            guard: "choiceAccepted",
            actions: ["applyChoice", save("scenarios")],
          },
          "feedback.continue": { actions: ["applyContinue", save("scenarios")] },
          "scenario.finish": [
            { guard: "lastScenarioEnds", target: "result", actions: ["finishScenario", report] },
            { guard: "scenarioEnds", actions: ["finishScenario", report, "startNextScenario", save("scenarios")] },
          ],
        },
      },
      result: {
        entry: ["computeResult", { type: "reportResult", params: ({ context }) => context.result }, save("result")],
        on: {
          "course.retry": { guard: "failed", target: "scenarios", actions: "planRetry" },
          "course.acknowledge": { guard: "passed", target: "acknowledgement" },
        },
      },
      acknowledgement: {
        entry: save("acknowledgement"),
        initial: "form",
        states: {
          form: {
            on: {
              "acknowledgement.submit": {
                guard: "nameGiven",
                target: "submitting",
                actions: assign({ error: undefined }),
              },
            },
          },
          submitting: {
            invoke: {
              src: "recordAcknowledgement",
              input: ({ context, event }) => {
                assertEvent(event, "acknowledgement.submit");
                return {
                  attemptId: context.attemptId,
                  typedName: event.typedName.trim(),
                  learner: event.learner,
                  policy: { version: course.policy.version, hash: course.policy.hash },
                  result: acknowledgedResult(context.result ?? courseResult(context)),
                };
              },
              onDone: { target: "#course.done", actions: assign({ receipt: ({ event }) => event.output }) },
              onError: {
                target: "form",
                actions: assign({
                  error: ({ event }) => (event.error instanceof Error ? event.error.message : String(event.error)),
                }),
              },
            },
          },
        },
      },
      done: { entry: save("done") },
    },
  });
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;
