import { and, assign, fromPromise, initialTransition, not, setup, transition, type SnapshotFrom } from "xstate";
import type { CourseDefinition, ProductAudience } from "../course/courseDefinition.ts";
import { courseResult, missedScenarios } from "../course/courseResult.ts";
import { refresherQuiz } from "../course/refresher.ts";
import type { Scenario } from "../schemas/scenario.ts";
import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  CourseResult,
  Learner,
  Tracker,
} from "../tracking/tracker.ts";
import { decodeProgress, encodeProgress, type CourseStep } from "./progressCodec.ts";
import { createScenarioMachine, type ScenarioMachine, type ScenarioResult } from "./scenarioMachine.ts";

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
  | { type: "course.start"; audiences?: ProductAudience[]; learnerId?: string; quarter?: string }
  | { type: "section.open"; section: string }
  | { type: "policy.done" }
  | { type: "choice.select"; index: number; at?: number }
  | { type: "feedback.continue" }
  | { type: "scenario.finish" }
  | { type: "course.retry" }
  | { type: "course.acknowledge" }
  | { type: "acknowledgement.submit"; typedName: string; learner?: AcknowledgementRequest["learner"] };

type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

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
 * through the tracker, and it saves progress at every step so that a reload resumes.
 */
export function createCourseMachine(course: CourseDefinition) {
  const machines = new Map(course.scenarios.map((s) => [s.id, scenarioMachineOf(s)]));
  const bankIndexes = new Map(course.scenarios.map((s, i) => [s.id, i]));
  const bankIndex = (id: string) => bankIndexes.get(id) ?? -1;
  const machineFor = (id: string): ScenarioMachine => {
    const machine = machines.get(id);
    if (!machine) throw new Error(`Scenario "${id}" is not part of this course.`);
    return machine;
  };
  /** Replays saved choices; the last choice's feedback stays on screen unless it was dismissed. */
  const play = (id: string, choices: readonly number[], now: number, feedbackDismissed = false): ScenarioSnapshot => {
    const machine = machineFor(id);
    let [snapshot] = initialTransition(machine);
    choices.forEach((index, n) => {
      if (n > 0) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
      [snapshot] = transition(machine, snapshot, { type: "choice.select", index, at: now });
    });
    if (feedbackDismissed) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
    return snapshot;
  };
  const finishedPlay = (id: string, choices: readonly number[], now: number): ScenarioResult | undefined => {
    const machine = machineFor(id);
    const [snapshot] = transition(machine, play(id, choices, now, true), { type: "scenario.finish" });
    return snapshot.status === "done" ? snapshot.output : undefined;
  };
  const startScenario = (plan: string[], index: number, now: number) => {
    const id = plan[index];
    return id ? { id, snapshot: play(id, [], now), shownAt: now } : undefined;
  };

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
      choiceAccepted: ({ context, event }) => {
        if (event.type !== "choice.select" || !context.playing) return false;
        const { id, snapshot } = context.playing;
        const [next] = transition(machineFor(id), snapshot, event);
        return next.context.answers.length > snapshot.context.answers.length;
      },
      scenarioEnds: ({ context }) => {
        if (!context.playing) return false;
        const [next] = transition(machineFor(context.playing.id), context.playing.snapshot, {
          type: "scenario.finish",
        });
        return next.status === "done";
      },
      isLastScenario: ({ context }) => context.index >= context.plan.length - 1,
      passed: ({ context }) => context.result?.passed === true,
      nameGiven: ({ event }) => event.type === "acknowledgement.submit" && event.typedName.trim().length > 1,
    },
    actions: {
      planFirstAttempt: assign(({ event }) => {
        if (event.type !== "course.start") return {};
        const plan =
          course.mode === "refresher"
            ? refresherQuiz(course.scenarios, {
                learnerId: event.learnerId ?? "",
                quarter: event.quarter ?? "",
                size: course.refresherSize,
              })
            : course.scenarios
                .filter(
                  (s) =>
                    s.audience === "everyone" || !isProduct(s.audience) || (event.audiences ?? []).includes(s.audience),
                )
                .map((s) => s.id);
        return {
          plan,
          scope: plan,
          index: 0,
          attempt: 1,
          attemptId: newAttemptId(),
          finished: {},
          playing: startScenario(plan, 0, Date.now()),
        };
      }),
      openSection: assign(({ context, event }) =>
        event.type === "section.open" &&
        !context.opened.includes(event.section) &&
        course.policy.sections.some((s) => s.number === event.section)
          ? { opened: [...context.opened, event.section] }
          : {},
      ),
      applyChoice: assign(({ context, event }) => {
        if (event.type !== "choice.select" || !context.playing) return {};
        const [snapshot] = transition(machineFor(context.playing.id), context.playing.snapshot, {
          ...event,
          at: event.at ?? Date.now(),
        });
        return { playing: { ...context.playing, snapshot } };
      }),
      reportAnswer: ({ context }) => {
        const playing = context.playing;
        const answer = playing?.snapshot.context.answers.at(-1);
        if (!playing || !answer) return;
        const node = course.scenarios.find((s) => s.id === playing.id)?.nodes[answer.node];
        if (node?.type !== "question") return;
        context.tracker.reportAnswer({
          scenarioId: playing.id,
          node: answer.node,
          choice: answer.choice,
          choiceLabel: node.choices[answer.choice]?.label ?? "",
          outcome: answer.outcome,
          clause: answer.clause,
          attempt: context.attempt,
          shownAt: playing.shownAt,
          at: answer.at,
        });
      },
      applyContinue: assign(({ context }) => {
        if (!context.playing) return {};
        const [snapshot] = transition(machineFor(context.playing.id), context.playing.snapshot, {
          type: "feedback.continue",
        });
        return { playing: { ...context.playing, snapshot, shownAt: Date.now() } };
      }),
      finishScenario: assign(({ context }) => {
        if (!context.playing) return {};
        const [snapshot] = transition(machineFor(context.playing.id), context.playing.snapshot, {
          type: "scenario.finish",
        });
        return snapshot.status === "done"
          ? { finished: { ...context.finished, [context.playing.id]: snapshot.output } }
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
      planRetry: assign(({ context }) => {
        const plan = context.result ? missedScenarios(context.result) : [];
        return {
          plan,
          index: 0,
          attempt: context.attempt + 1,
          playing: startScenario(plan, 0, Date.now()),
          result: undefined,
        };
      }),
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
    context: ({ input }) => restore(input, play, finishedPlay, startScenario),
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
            { guard: and(["scenarioEnds", "isLastScenario"]), target: "result", actions: "finishScenario" },
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
          "course.retry": { guard: not("passed"), target: "scenarios", actions: "planRetry" },
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

// Building a machine is the costly part of a reload; a course's scenarios keep theirs.
const scenarioMachines = new WeakMap<Scenario, ScenarioMachine>();
function scenarioMachineOf(scenario: Scenario): ScenarioMachine {
  const machine = scenarioMachines.get(scenario) ?? createScenarioMachine(scenario);
  scenarioMachines.set(scenario, machine);
  return machine;
}

export type CourseMachine = ReturnType<typeof createCourseMachine>;

function isProduct(audience: string): audience is ProductAudience {
  return audience === "claude-code" || audience === "cowork";
}

/** 16 random base-36 characters: identifies one attempt, so a double submit records once. */
function newAttemptId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => (b % 36).toString(36)).join("");
}

/** The starting context: fresh, or rebuilt from saved progress by replaying the saved choices. */
function restore(
  { course, tracker, progress, receipt, learner }: CourseInput,
  play: (id: string, choices: readonly number[], now: number, feedbackDismissed: boolean) => ScenarioSnapshot,
  finishedPlay: (id: string, choices: readonly number[], now: number) => ScenarioResult | undefined,
  startScenario: (plan: string[], index: number, now: number) => CourseContext["playing"],
): CourseContext {
  const fresh: CourseContext = {
    course,
    tracker,
    learner,
    resumeStep: "intro",
    attempt: 1,
    attemptId: "",
    opened: [],
    plan: [],
    scope: [],
    index: 0,
    finished: {},
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
        ? { id: current, snapshot: play(current, saved.current, now, !saved.showingFeedback), shownAt: now }
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
      playing,
    };
    if (saved.step === "done") return { ...context, result: courseResult(context), receipt };
    return saved.step === "acknowledgement" ? { ...context, result: courseResult(context) } : context;
  } catch {
    return fresh; // a saved choice that no longer fits the scenario: start afresh rather than stop
  }
}
