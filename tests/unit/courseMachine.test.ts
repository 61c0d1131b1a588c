import { describe, expect, it } from "vitest";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import { fromPromise } from "xstate";
import { PreviewTracker } from "../../src/tracking/previewTracker.ts";
import type { AcknowledgementReceipt, AcknowledgementRequest } from "../../src/tracking/tracker.ts";
import { MemoryStorage, playScenario, readPolicy, shippedCourse, startCourse } from "../support/courseFixture.ts";

const course = shippedCourse();
const everyoneIds = course.scenarios
  .filter((s) => s.audience === "everyone" || s.audience === "financial-services")
  .map((s) => s.id);
/** How many scenarios a failing learner misses: half of them keeps any bank size below the pass mark. */
const missedCount = Math.ceil(everyoneIds.length / 2);

describe("course machine", () => {
  it("starts at the intro and plans the scenarios for the learner's products", async () => {
    const { actor } = await startCourse(course);
    expect(actor.getSnapshot().value).toBe("intro");
    actor.send({ type: "course.start", audiences: ["claude-code"] });
    const { plan } = actor.getSnapshot().context;
    expect(plan).toEqual(
      course.scenarios.filter((s) => s.audience !== "cowork" && s.audience !== "claude-api").map((s) => s.id),
    );
    expect(plan).not.toEqual(everyoneIds);
  });

  it("moves on from the key rules when the learner continues, keeping which sections of the full text they opened", async () => {
    const { actor } = await startCourse(course);
    actor.send({ type: "course.start", audiences: [] });
    expect(actor.getSnapshot().value).toBe("policy");
    const [first, second] = course.policy.sections;
    actor.send({ type: "section.open", section: second?.number ?? "" });
    actor.send({ type: "section.open", section: first?.number ?? "" });
    actor.send({ type: "section.open", section: second?.number ?? "" });
    actor.send({ type: "section.open", section: "99" }); // no such section
    expect(actor.getSnapshot().context.opened).toEqual([second?.number, first?.number]);
    actor.send({ type: "policy.done" });
    expect(actor.getSnapshot().value).toBe("scenarios");
  });

  it("passes a learner who answers correctly, reports each scenario played, and records the acknowledgement", async () => {
    const { actor, tracker } = await startCourse(course);
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    everyoneIds.forEach(() => playScenario(actor, "correct"));
    const atResult = actor.getSnapshot();
    expect(atResult.value).toBe("result");
    expect(atResult.context.result).toMatchObject({ passed: true, score: 1, attempt: 1, progress: 1 });
    expect(tracker.results).toHaveLength(1);
    expect(tracker.plays.map((p) => p.scenarioId)).toEqual(everyoneIds);
    expect(tracker.plays.every((p) => p.score === 1 && p.attempt === 1 && p.title.length > 0)).toBe(true);
    expect(tracker.plays.flatMap((p) => p.answers).every((a) => a.outcome === "correct")).toBe(true);

    actor.send({ type: "course.acknowledge" });
    actor.send({ type: "acknowledgement.submit", typedName: "  Ada Lovelace " });
    await waitForState(actor, "done");
    expect(actor.getSnapshot().context.receipt).toMatchObject({
      name: "Ada Lovelace",
      policyVersion: course.policy.version,
      policyHash: course.policy.hash,
      score: 1,
    });
  });

  it("fails below the pass mark, offers the missed scenarios again, and passes after the retry", async () => {
    const { actor, tracker } = await startCourse(course);
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    everyoneIds.forEach((_, i) => playScenario(actor, i < missedCount ? "incorrect" : "correct"));
    const failed = actor.getSnapshot().context.result;
    expect(failed?.passed).toBe(false);
    expect(failed?.score).toBeLessThan(course.passMark / 100);
    expect(failed?.scenarios.flatMap((s) => s.missedClauses).length).toBeGreaterThan(0);

    actor.send({ type: "course.acknowledge" });
    expect(actor.getSnapshot().value).toBe("result");
    actor.send({ type: "course.retry" });
    const retry = actor.getSnapshot().context;
    expect(retry.attempt).toBe(2);
    expect(retry.plan).toEqual(failed?.scenarios.filter((s) => s.score < 1).map((s) => s.id));
    retry.plan.forEach(() => playScenario(actor, "correct"));
    expect(actor.getSnapshot().context.result).toMatchObject({ passed: true, attempt: 2 });
    expect(actor.getSnapshot().context.result?.scenarios.map((s) => s.id)).toEqual(everyoneIds);
    expect(tracker.results.map((r) => r.passed)).toEqual([false, true]);
  });

  it("saves how far the learner is: rising as they go, not counting what a retry replays, 1 only once acknowledged", async () => {
    const measures: number[] = [];
    const { actor } = await startCourse(
      course,
      new MemoryStorage(),
      {},
      {
        actions: { saveProgress: (_, saved) => void measures.push(saved.measure) },
      },
    );
    // One part per policy section, per scenario and for the acknowledgement.
    const parts = course.policy.sections.length + everyoneIds.length + 1;
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    everyoneIds.forEach((_, i) => playScenario(actor, i < missedCount ? "incorrect" : "correct"));
    expect(actor.getSnapshot().context.result?.passed).toBe(false);
    const playing = measures.slice(0, -1);
    expect(playing).toEqual([...playing].sort((a, b) => a - b));
    expect(measures.at(-1)).toBeCloseTo((parts - 1 - missedCount) / parts, 10); // at the result, the missed are still to do
    actor.send({ type: "course.retry" });
    expect(measures.at(-1)).toBeCloseTo((parts - 1 - missedCount) / parts, 10);
    actor.getSnapshot().context.plan.forEach(() => playScenario(actor, "correct"));
    actor.send({ type: "course.acknowledge" });
    expect(measures.at(-1)).toBeCloseTo((parts - 1) / parts, 10);
    actor.send({ type: "acknowledgement.submit", typedName: "Ada Lovelace" });
    await waitForState(actor, "done");
    expect(measures.filter((m) => m >= 1)).toEqual([1]);
  });

  it("resumes after a reload in the middle of a scenario, showing the same feedback", async () => {
    const storage = new MemoryStorage();
    const first = await startCourse(course, storage);
    first.actor.send({ type: "course.start", audiences: [] });
    readPolicy(first.actor);
    playScenario(first.actor, "correct");
    first.actor.send({ type: "choice.select", index: 1 });
    const before = first.actor.getSnapshot().context;
    first.actor.stop();

    const second = await startCourse(course, storage);
    const after = second.actor.getSnapshot();
    expect(after.value).toBe("scenarios");
    expect(after.context.playing?.id).toBe(before.playing?.id);
    expect(after.context.playing?.node).toBe(before.playing?.node);
    expect(after.context.playing?.showingFeedback).toBe(true);
    expect(after.context.playing?.answers.map((a) => a.choice)).toEqual([1]);
    expect(Object.keys(after.context.finished)).toEqual(Object.keys(before.finished));
    expect(after.context.attemptId).toBe(before.attemptId);
  });

  it("holds data only in its context at every step: a structured clone of it is the same, to the type", async () => {
    const storage = new MemoryStorage();
    const { actor } = await startCourse(course, storage);
    const contexts: unknown[] = [];
    actor.subscribe((snapshot) => contexts.push(snapshot.context));
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    playScenario(actor, "correct");
    actor.send({ type: "choice.select", index: 0 }); // feedback showing, mid-scenario
    actor.stop();
    // A reload mid-scenario rebuilds the context from saved progress: data only too.
    const reloaded = await startCourse(course, storage);
    reloaded.actor.subscribe((snapshot) => contexts.push(snapshot.context));
    contexts.push(reloaded.actor.getSnapshot().context);
    reloaded.actor.send({ type: "feedback.continue" });
    while (reloaded.actor.getSnapshot().value === "scenarios") playScenario(reloaded.actor, "correct");
    expect(contexts.length).toBeGreaterThan(everyoneIds.length * 2);
    // structuredClone refuses functions (a machine) and copies class instances as plain objects.
    for (const context of contexts) expect(structuredClone(context)).toStrictEqual(context);
  });

  it("resumes in the policy step with the sections already opened", async () => {
    const storage = new MemoryStorage();
    const first = await startCourse(course, storage);
    first.actor.send({ type: "course.start", audiences: ["cowork"] });
    first.actor.send({ type: "section.open", section: "3" });
    first.actor.stop();
    const second = await startCourse(course, storage);
    expect(second.actor.getSnapshot().value).toBe("policy");
    expect(second.actor.getSnapshot().context.opened).toEqual(["3"]);
    expect(second.actor.getSnapshot().context.plan).toEqual(first.actor.getSnapshot().context.plan);
  });

  it("resumes at the result and after the acknowledgement", async () => {
    const storage = new MemoryStorage();
    const first = await startCourse(course, storage);
    first.actor.send({ type: "course.start", audiences: [] });
    readPolicy(first.actor);
    everyoneIds.forEach(() => playScenario(first.actor, "correct"));
    first.actor.stop();
    const atResult = await startCourse(course, storage);
    expect(atResult.actor.getSnapshot().value).toBe("result");
    expect(atResult.actor.getSnapshot().context.result?.passed).toBe(true);
    atResult.actor.send({ type: "course.acknowledge" });
    atResult.actor.send({ type: "acknowledgement.submit", typedName: "Ada Lovelace" });
    await waitForState(atResult.actor, "done");
    const afterDone = await startCourse(course, storage);
    expect(afterDone.actor.getSnapshot().value).toBe("done");
  });

  it("ignores progress saved for another version of the course", async () => {
    const storage = new MemoryStorage();
    const first = await startCourse(course, storage);
    first.actor.send({ type: "course.start", audiences: [] });
    const changed: CourseDefinition = { ...course, key: "another-key0" };
    const [saved] = [...storage.items.values()];
    const { actor } = await startCourse(changed, storage, { progress: saved });
    expect(actor.getSnapshot().value).toBe("intro");
  });

  it("keeps the learner on the form with the tracker's message when recording fails, and records on a second try", async () => {
    let calls = 0;
    const storage = new MemoryStorage();
    const tracker = new PreviewTracker(storage, course.key);
    const recordAcknowledgement = fromPromise<AcknowledgementReceipt, AcknowledgementRequest>(({ input }) =>
      ++calls === 1
        ? Promise.reject(new Error("The records server did not answer."))
        : tracker.recordAcknowledgement(input),
    );
    const { actor } = await startCourse(course, storage, {}, { actors: { recordAcknowledgement } });
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    everyoneIds.forEach(() => playScenario(actor, "correct"));
    actor.send({ type: "course.acknowledge" });
    actor.send({ type: "acknowledgement.submit", typedName: "Ada Lovelace" });
    await waitForState(actor, { acknowledgement: "form" }, (s) => s.context.error !== undefined);
    expect(actor.getSnapshot().context.error).toBe("The records server did not answer.");
    actor.send({ type: "acknowledgement.submit", typedName: "Ada Lovelace" });
    await waitForState(actor, "done");
    expect((actor.getSnapshot().context.receipt as AcknowledgementReceipt).name).toBe("Ada Lovelace");
    expect(calls).toBe(2);
  });

  it("refuses an acknowledgement without a typed name", async () => {
    const { actor } = await startCourse(course);
    actor.send({ type: "course.start", audiences: [] });
    readPolicy(actor);
    everyoneIds.forEach(() => playScenario(actor, "correct"));
    actor.send({ type: "course.acknowledge" });
    actor.send({ type: "acknowledgement.submit", typedName: "  " });
    expect(actor.getSnapshot().value).toEqual({ acknowledgement: "form" });
  });

  it("runs a refresher: no policy step, the learner's quiz for the quarter", async () => {
    const refresher = shippedCourse("refresher");
    const { actor } = await startCourse(refresher);
    actor.send({ type: "course.start", learnerId: "e-1001", quarter: "2026-Q4" });
    expect(actor.getSnapshot().value).toBe("scenarios");
    expect(actor.getSnapshot().context.plan).toHaveLength(refresher.refresherSize);
  });
});

type Actor = Awaited<ReturnType<typeof startCourse>>["actor"];

function waitForState(
  actor: Actor,
  value: unknown,
  extra: (s: ReturnType<Actor["getSnapshot"]>) => boolean = () => true,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The course did not reach ${JSON.stringify(value)}`)), 2000);
    const check = () => {
      const snapshot = actor.getSnapshot();
      if (JSON.stringify(snapshot.value) === JSON.stringify(value) && extra(snapshot)) {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve();
      }
    };
    const subscription = actor.subscribe(check);
    check();
  });
}
