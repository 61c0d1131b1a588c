import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import { PROGRESS_LIMIT, decodeProgress, encodeProgress } from "../../src/machines/progressCodec.ts";
import { MAX_NODES, MAX_SCENARIOS, type Scenario, type ScenarioNode } from "../../src/schemas/scenario.ts";
import { MemoryStorage, readPolicy, shippedCourse, startCourse } from "../support/courseFixture.ts";

/** The largest course the content checks allow: every scenario a chain of the most questions. */
function largestCourse(): CourseDefinition {
  const questions = MAX_NODES - 1;
  const scenario = (n: number): Scenario => ({
    id: `s${String(n).padStart(3, "0")}`,
    title: `Scenario ${n}`,
    summary: "Synthetic",
    audience: "everyone",
    clauses: ["3.1"],
    start: "q0",
    nodes: Object.fromEntries<ScenarioNode>([
      ...Array.from({ length: questions }, (_, q): [string, ScenarioNode] => [
        `q${q}`,
        {
          type: "question" as const,
          situation: "…",
          choices: [0, 1, 2, 3].map((c) => ({
            label: `c${c}`,
            next: q + 1 < questions ? `q${q + 1}` : "end",
            outcome: c === 0 ? ("correct" as const) : ("incorrect" as const),
            clause: "3.1",
            feedback: "…",
          })),
        },
      ]),
      ["end", { type: "end", debrief: "…" }],
    ]),
  });
  const base = shippedCourse();
  return { ...base, key: "largest-0000", scenarios: Array.from({ length: MAX_SCENARIOS }, (_, n) => scenario(n)) };
}

type Actor = Awaited<ReturnType<typeof startCourse>>["actor"];

function savedProgress(storage: MemoryStorage): string {
  return [...storage.items.entries()].find(([key]) => key.endsWith(":progress"))?.[1] ?? "";
}

/** What a learner would see: step, scenario, node, feedback, answers so far, finished scenarios. */
function visible(actor: Actor) {
  const { value, context } = actor.getSnapshot();
  return {
    value,
    opened: context.opened,
    plan: context.plan,
    attempt: context.attempt,
    earlierMisses: context.earlierMisses,
    playing: context.playing && {
      id: context.playing.id,
      node: context.playing.node,
      feedback: context.playing.showingFeedback,
      choices: context.playing.answers.map((a) => a.choice),
    },
    finished: Object.fromEntries(
      Object.entries(context.finished).map(([id, r]) => [id, r.answers.map((a) => a.choice)]),
    ),
  };
}

/** A random play-through: every choice random (some out of range), with reloads at random moments. */
async function playThrough(course: CourseDefinition, choices: number[], reloadEvery: number, retries: number) {
  const storage = new MemoryStorage();
  let { actor } = await startCourse(course, storage);
  let longest = 0;
  let step = 0;
  const afterEvent = async () => {
    const saved = savedProgress(storage);
    longest = Math.max(longest, saved.length);
    if (++step % reloadEvery !== 0) return;
    const before = visible(actor);
    actor.stop();
    ({ actor } = await startCourse(course, storage));
    expect(visible(actor)).toEqual(before);
  };
  actor.send({ type: "course.start", audiences: ["claude-code", "cowork"] });
  readPolicy(actor);
  await afterEvent();
  let next = 0;
  for (let round = 0; round <= retries && actor.getSnapshot().value !== "done"; round++) {
    while (actor.getSnapshot().value === "scenarios") {
      const playing = actor.getSnapshot().context.playing;
      const node = course.scenarios.find((s) => s.id === playing?.id)?.nodes[playing?.node ?? ""];
      if (playing?.showingFeedback) actor.send({ type: "feedback.continue" });
      else if (node?.type === "end") actor.send({ type: "scenario.finish" });
      else if (node?.type === "question") {
        // Out-of-range indices are sent too: the machine must ignore them; then a valid one follows.
        const raw = choices[next++ % choices.length] ?? 0;
        actor.send({ type: "choice.select", index: raw });
        if (raw >= node.choices.length) actor.send({ type: "choice.select", index: raw % node.choices.length });
      }
      await afterEvent();
    }
    if (actor.getSnapshot().context.result?.passed) break;
    actor.send({ type: "course.retry" });
    await afterEvent();
  }
  return longest;
}

describe("saved progress", () => {
  it("round-trips through its text form", () => {
    const progress = {
      courseKey: "abc",
      step: "scenarios" as const,
      opened: [0, 3, 10],
      attempt: 2,
      attemptId: "k3j2h1",
      plan: [4, 17, 119],
      index: 1,
      finished: new Map([
        [4, [0, 1, 2]],
        [17, [3]],
      ]),
      current: [2],
      showingFeedback: true,
      earlierMisses: { "3.1": 2, "FIN.12": 40 },
    };
    expect(decodeProgress(encodeProgress(progress), "abc")).toEqual(progress);
    // Progress saved before earlier misses were kept resumes with none.
    expect(decodeProgress(encodeProgress(progress).replace(/~[^~]*$/, ""), "abc")).toEqual({
      ...progress,
      earlierMisses: {},
    });
  });

  it("refuses malformed text and progress of another course", () => {
    expect(decodeProgress("garbage", "abc")).toBeUndefined();
    expect(decodeProgress("1~abc~2~~1~x~0.1~0~~9x~", "abc")).toBeUndefined();
    expect(decodeProgress("1~abc~2~~1~x~0.1~0~~~", "other")).toBeUndefined();
    expect(decodeProgress("1~abc~2~~1~x~0.1~0~~~", "abc")).toMatchObject({ step: "scenarios", plan: [0, 1] });
    expect(decodeProgress("1~abc~2~~1~x~0.1~0~~~~3.1*z!", "abc")).toBeUndefined();
    expect(decodeProgress("1~abc~2~~1~x~0.1~0~~~~3,1*2", "abc")).toBeUndefined();
  });

  it("stays within 4,096 characters for the largest course the checks allow, and resumes exactly, over random play-throughs", async () => {
    const course = largestCourse();
    let longest = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 50, max: 400 }),
        fc.integer({ min: 0, max: 2 }),
        async (choices, reloadEvery, retries) => {
          longest = Math.max(longest, await playThrough(course, choices, reloadEvery, retries));
          expect(longest).toBeLessThanOrEqual(PROGRESS_LIMIT);
        },
      ),
      { numRuns: 6 },
    );
    // The worst case is reached: every scenario finished with the most choices.
    expect(longest).toBeGreaterThan(MAX_SCENARIOS * MAX_NODES);
  }, 120_000);

  it("resumes exactly after a reload at any moment of the shipped course", async () => {
    const course = shippedCourse();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 3 }),
        async (choices, reloadEvery, retries) => {
          expect(await playThrough(course, choices, reloadEvery, retries)).toBeLessThanOrEqual(PROGRESS_LIMIT);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
