import { assign, fromPromise, setup, transition } from "xstate";
import type { CourseDefinition } from "../course/courseDefinition.ts";
import { courseResult, missedScenarios } from "../course/courseResult.ts";
import type { CourseStart, FirstAttemptPlan } from "../course/firstAttempt.ts";
import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  CourseResult,
  Learner,
  Tracker,
} from "../tracking/tracker.ts";
import { encodeProgress, type CourseStep } from "./progressCodec.ts";
import { newAttemptId, restoreCourse } from "./restoreCourse.ts";
import type { ScenarioEvent, ScenarioResult } from "./scenarioMachine.ts";
import { scenarioReplay, type ScenarioSnapshot } from "./scenarioReplay.ts";

export interface CourseInput {
  course: CourseDefinition;
  tracker: Tracker;
  /** Saved progress from the tracker, to resume where the learner left. */
  progress?: string;
  /** The receipt the tracker kept, shown again when the course resumes at the end. */
  receipt?: AcknowledgementReceipt;
  /** Who the target says the learner is (single sign-on or the LMS), if it knows. */
  learner?: Learner;
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

export interface CourseContext {
  course: CourseDefinition;
  tracker: Tracker;
  learner?: Learner;
  resumeStep: CourseStep;
  attempt: number;
  attemptId: string;
  /** Policy sections the learner has opened, by number. */
  opened: string[];
  /** This attempt's scenarios, in play order; on a retry, the missed ones. */
  plan: string[];
  /** Every scenario of the course, in play order: the first attempt's plan. */
  scope: string[];
  index: number;
  finished: Record<string, ScenarioResult>;
  playing?: { id: string; snapshot: ScenarioSnapshot; shownAt: number };
  result?: CourseResult;
  receipt?: AcknowledgementReceipt;
  error?: string;
}

/**
 * The course: intro → policy (open every section; onboarding only) → scenarios → result (retry the
 * missed scenarios below the pass mark) → acknowledgement → done. Everything it reports goes
 * through the tracker, and it saves progress at every step so that a reload resumes. `plan` picks the
 * first attempt's scenarios: onboardingPlan or refresherPlan, as the course's mode says.
 */
export function createCourseMachine(course: CourseDefinition, plan: FirstAttemptPlan) {
  const replay = scenarioReplay(course);
  const { machineFor, startScenario, bankIndex } = replay;
  type Playing = NonNullable<CourseContext["playing"]>;
  /** The scenario being played, one event further: a pure transition of its machine. */
  const advance = ({ id, snapshot }: Playing, event: ScenarioEvent) => transition(machineFor(id), snapshot, event)[0];
  /** An attempt at `scenarios`, from the first. */
  const attempt = (scenarios: string[], number: number) => ({
    plan: scenarios,
    index: 0,
    attempt: number,
    playing: startScenario(scenarios, 0, Date.now()),
  });
  const scenarioEnds = ({ playing }: CourseContext) =>
    !!playing && advance(playing, { type: "scenario.finish" }).status === "done";

  return setup({
    types: { context: {} as CourseContext, events: {} as CourseEvent, input: {} as CourseInput },
    actors: {
      recordAcknowledgement: fromPromise(
        ({ input }: { input: { tracker: Tracker; request: AcknowledgementRequest } }) =>
          input.tracker.recordAcknowledgement(input.request),
      ),
    },
    guards: {
      resumeAt: ({ context }, params: { step: CourseStep }) => context.resumeStep === params.step,
      isOnboarding: () => course.mode === "onboarding",
      allSectionsOpened: ({ context }) => course.policy.sections.every((s) => context.opened.includes(s.number)),
      choiceAccepted: ({ context: { playing }, event }) =>
        event.type === "choice.select" &&
        !!playing &&
        advance(playing, event).context.answers.length > playing.snapshot.context.answers.length,
      scenarioEnds: ({ context }) => scenarioEnds(context),
      lastScenarioEnds: ({ context }) => scenarioEnds(context) && context.index >= context.plan.length - 1,
      passed: ({ context }) => context.result?.passed === true,
      failed: ({ context }) => context.result?.passed === false,
      nameGiven: ({ event }) => event.type === "acknowledgement.submit" && event.typedName.trim().length > 1,
    },
    actions: {
      planFirstAttempt: assign(({ event }) => {
        if (event.type !== "course.start") return {};
        const first = plan(course, event);
        return { ...attempt(first, 1), scope: first, attemptId: newAttemptId(), finished: {} };
      }),
      openSection: assign(({ context, event }) =>
        event.type === "section.open" &&
        !context.opened.includes(event.section) &&
        course.policy.sections.some((s) => s.number === event.section)
          ? { opened: [...context.opened, event.section] }
          : {},
      ),
      applyChoice: assign(({ context: { playing }, event }) =>
        event.type === "choice.select" && playing
          ? { playing: { ...playing, snapshot: advance(playing, { ...event, at: event.at ?? Date.now() }) } }
          : {},
      ),
      reportAnswer: ({ context }) => {
        const playing = context.playing;
        const answer = playing?.snapshot.context.answers.at(-1);
        if (!playing || !answer) return;
        const node = course.scenarios.find((s) => s.id === playing.id)?.nodes[answer.node];
        if (node?.type !== "question") return;
        context.tracker.reportAnswer({
          ...answer,
          scenarioId: playing.id,
          choiceLabel: node.choices[answer.choice]?.label ?? "",
          attempt: context.attempt,
          shownAt: playing.shownAt,
        });
      },
      applyContinue: assign(({ context: { playing } }) =>
        playing
          ? { playing: { ...playing, snapshot: advance(playing, { type: "feedback.continue" }), shownAt: Date.now() } }
          : {},
      ),
      finishScenario: assign(({ context: { playing, finished } }) => {
        const snapshot = playing && advance(playing, { type: "scenario.finish" });
        return playing && snapshot?.status === "done"
          ? { finished: { ...finished, [playing.id]: snapshot.output } }
          : {};
      }),
      startNextScenario: assign(({ context }) => ({
        index: context.index + 1,
        playing: startScenario(context.plan, context.index + 1, Date.now()),
      })),
      computeResult: assign(({ context }) => ({ playing: undefined, result: courseResult(context) })),
      reportResult: ({ context }) => {
        if (context.result) context.tracker.reportResult(context.result);
      },
      planRetry: assign(({ context }) => ({
        ...attempt(context.result ? missedScenarios(context.result) : [], context.attempt + 1),
        result: undefined,
      })),
      persist: ({ context }, params: { step: CourseStep }) => {
        context.tracker.saveProgress(
          encodeProgress({
            courseKey: course.key,
            step: params.step,
            opened: context.opened.map((n) => course.policy.sections.findIndex((s) => s.number === n)),
            attempt: context.attempt,
            attemptId: context.attemptId,
            plan: context.plan.map(bankIndex),
            index: context.index,
            finished: new Map(
              Object.entries(context.finished).map(([id, r]) => [bankIndex(id), r.answers.map((a) => a.choice)]),
            ),
            current: context.playing?.snapshot.context.answers.map((a) => a.choice) ?? [],
            showingFeedback: context.playing?.snapshot.context.showingFeedback ?? false,
          }),
        );
      },
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
            { guard: "isOnboarding", target: "policy", actions: "planFirstAttempt" },
            { target: "scenarios", actions: "planFirstAttempt" },
          ],
        },
      },
      policy: {
        entry: { type: "persist", params: { step: "policy" } },
        on: {
          "section.open": { actions: ["openSection", { type: "persist", params: { step: "policy" } }] },
          "policy.done": { guard: "allSectionsOpened", target: "scenarios" },
        },
      },
      scenarios: {
        entry: { type: "persist", params: { step: "scenarios" } },
        on: {
          "choice.select": {
            guard: "choiceAccepted",
            actions: ["applyChoice", "reportAnswer", { type: "persist", params: { step: "scenarios" } }],
          },
          "feedback.continue": { actions: ["applyContinue", { type: "persist", params: { step: "scenarios" } }] },
          "scenario.finish": [
            { guard: "lastScenarioEnds", target: "result", actions: "finishScenario" },
            {
              guard: "scenarioEnds",
              actions: ["finishScenario", "startNextScenario", { type: "persist", params: { step: "scenarios" } }],
            },
          ],
        },
      },
      result: {
        entry: ["computeResult", "reportResult", { type: "persist", params: { step: "result" } }],
        on: {
          "course.retry": { guard: "failed", target: "scenarios", actions: "planRetry" },
          "course.acknowledge": { guard: "passed", target: "acknowledgement" },
        },
      },
      acknowledgement: {
        entry: { type: "persist", params: { step: "acknowledgement" } },
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
              input: ({ context, event }) => ({
                tracker: context.tracker,
                request: {
                  attemptId: context.attemptId,
                  typedName: event.type === "acknowledgement.submit" ? event.typedName.trim() : "",
                  learner: event.type === "acknowledgement.submit" ? event.learner : undefined,
                  policyVersion: course.policy.version,
                  policyHash: course.policy.hash,
                  result: context.result ?? courseResult(context),
                },
              }),
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
      done: { entry: { type: "persist", params: { step: "done" } } },
    },
  });
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;
