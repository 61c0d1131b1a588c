import { createActor } from "xstate";
import { buildCourseDefinition, type CourseDefinition } from "../../src/course/courseDefinition.ts";
import { acknowledgedResult } from "../../src/course/courseResult.ts";
import { onboardingPlan } from "../../src/course/firstAttempt.ts";
import { refresherPlan } from "../../src/course/refresher.ts";
import { createCourseMachine, type CourseInput, type CourseMachine } from "../../src/machines/courseMachine.ts";
import { trackCourse } from "../../src/machines/trackCourse.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import { PreviewTracker } from "../../src/tracking/previewTracker.ts";

/** The shipped course, built as the site builds it. */
export function shippedCourse(mode: CourseDefinition["mode"] = "onboarding"): CourseDefinition {
  return buildCourseDefinition(loadPolicy(), loadScenarios().scenarios, mode);
}

/** In-memory Storage, so that a test can "reload" by starting a new actor on the same storage. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** Starts the course machine as a page would: tracker first, then the actor with any saved progress. */
export async function startCourse(
  course: CourseDefinition,
  storage = new MemoryStorage(),
  overrides: Partial<CourseInput> = {},
  /** Implementations to swap in, over the tracker's (a failing recorder, say). */
  implementations: Parameters<CourseMachine["provide"]>[0] = {},
) {
  const tracker = new PreviewTracker(storage, course.key);
  const { progress } = await tracker.start();
  const machine = trackCourse(
    createCourseMachine(course, course.mode === "refresher" ? refresherPlan : onboardingPlan),
    tracker,
  ).provide(implementations);
  const actor = createActor(machine, { input: { course, progress, ...overrides } }).start();
  return { actor, tracker, storage };
}

type CourseActor = Awaited<ReturnType<typeof startCourse>>["actor"];

/** Plays the current scenario to its end, choosing by outcome where it can. */
export function playScenario(actor: CourseActor, prefer: "correct" | "incorrect"): void {
  for (let guard = 0; guard < 20; guard++) {
    const playing = actor.getSnapshot().context.playing;
    if (!playing) throw new Error("No scenario is being played");
    const scenario = actor.getSnapshot().context.course.scenarios.find((s) => s.id === playing.id);
    const node = scenario?.nodes[playing.node];
    if (node?.type === "end") {
      actor.send({ type: "scenario.finish" });
      return;
    }
    if (node?.type !== "question") throw new Error(`Unexpected node ${playing.node}`);
    const wanted = node.choices.findIndex((c) => c.outcome === prefer);
    actor.send({ type: "choice.select", index: wanted === -1 ? 0 : wanted });
    actor.send({ type: "feedback.continue" });
  }
  throw new Error("The scenario did not end within 20 steps");
}

/** Opens every policy section and moves on to the scenarios. */
export function readPolicy(actor: CourseActor): void {
  for (const section of actor.getSnapshot().context.course.policy.sections)
    actor.send({ type: "section.open", section: section.number });
  actor.send({ type: "policy.done" });
}

/** What the shipped onboarding course sends after a learner of every product plays it through, choosing by outcome. */
export async function playedResult(prefer: "correct" | "incorrect") {
  const course = shippedCourse("onboarding");
  const { actor } = await startCourse(course);
  actor.send({ type: "course.start", audiences: course.productAudiences });
  readPolicy(actor);
  while (actor.getSnapshot().value === "scenarios") playScenario(actor, prefer);
  const { result } = actor.getSnapshot().context;
  if (!result) throw new Error("The course ended its scenarios without a result");
  return acknowledgedResult(result);
}
