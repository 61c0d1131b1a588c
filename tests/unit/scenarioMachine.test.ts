import { createActor } from "xstate";
import { getSimplePaths } from "xstate/graph";
import { describe, expect, it } from "vitest";
import { createScenarioMachine } from "../../src/machines/scenarioMachine.ts";
import { OUTCOME_CREDIT } from "../../src/course/scoring.ts";
import type { Scenario } from "../../src/schemas/scenario.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";

const { scenarios } = loadScenarios();

const EVENTS = [0, 1, 2, 3]
  .map((index) => ({ type: "choice.select" as const, index, at: 0 }))
  .concat([{ type: "feedback.continue" }, { type: "scenario.finish" }] as never[]);

interface Route {
  /** The choices made, as `node#index`; two choices may lead to the same node. */
  key: string;
  end: string;
  credits: number[];
}

/** Every route from the start to an end node, read straight from the scenario file. */
function routes(scenario: Scenario, id = scenario.start): Route[] {
  const node = scenario.nodes[id];
  if (!node || node.type === "end") return [{ key: "", end: id, credits: [] }];
  return node.choices.flatMap((choice, index) =>
    routes(scenario, choice.next).map((rest) => ({
      key: `${id}#${index} ${rest.key}`.trim(),
      end: rest.end,
      credits: [OUTCOME_CREDIT[choice.outcome], ...rest.credits],
    })),
  );
}

const keyOf = (answers: { node: string; choice: number }[] = []) =>
  answers.map((a) => `${a.node}#${a.choice}`).join(" ");

describe.each(scenarios.map((s) => [s.id, s] as const))("scenario %s as a machine", (_id, scenario) => {
  const machine = createScenarioMachine(scenario);
  const paths = getSimplePaths(machine, { events: EVENTS, toState: (state) => state.status === "done" });

  it("reaches an end on every path, one machine path per route of the file", () => {
    const expected = routes(scenario);
    expect(paths.length).toBe(expected.length);
    expect(paths.map((p) => keyOf(p.state.output?.answers)).sort()).toEqual(expected.map((r) => r.key).sort());
    for (const path of paths) expect(scenario.nodes[path.state.output?.path.at(-1) ?? ""]?.type).toBe("end");
  });

  it("scores every path as the mean credit of its choices, and a fully correct path scores 1", () => {
    const expected = new Map(
      routes(scenario).map((r) => [r.key, r.credits.reduce((a, b) => a + b, 0) / r.credits.length]),
    );
    for (const path of paths) {
      const output = path.state.output;
      expect(output?.score).toBeCloseTo(expected.get(keyOf(output?.answers)) ?? NaN, 10);
    }
    expect(Math.max(...paths.map((p) => p.state.output?.score ?? 0))).toBe(1);
  });
});

describe("scenario machine", () => {
  const scenario = scenarios[0] as Scenario;
  const start = scenario.nodes[scenario.start];
  if (start?.type !== "question") throw new Error("The first shipped scenario should start with a question");

  it("shows feedback after a choice and ignores further choices until the learner continues", () => {
    const actor = createActor(createScenarioMachine(scenario)).start();
    actor.send({ type: "choice.select", index: 0 });
    const afterFirst = actor.getSnapshot();
    expect(afterFirst.context.showingFeedback).toBe(true);
    expect(afterFirst.value).toBe(start.choices[0]?.next);
    actor.send({ type: "choice.select", index: 1 });
    expect(actor.getSnapshot().context.answers).toHaveLength(1);
    actor.send({ type: "feedback.continue" });
    expect(actor.getSnapshot().context.showingFeedback).toBe(false);
  });

  it("records the clause and outcome of each choice", () => {
    const actor = createActor(createScenarioMachine(scenario)).start();
    actor.send({ type: "choice.select", index: 1, at: 42 });
    expect(actor.getSnapshot().context.answers).toEqual([
      { node: scenario.start, choice: 1, outcome: start.choices[1]?.outcome, clause: start.choices[1]?.clause, at: 42 },
    ]);
  });

  it("ignores a choice index the node does not have", () => {
    const actor = createActor(createScenarioMachine(scenario)).start();
    actor.send({ type: "choice.select", index: 7 });
    expect(actor.getSnapshot().value).toBe(scenario.start);
    expect(actor.getSnapshot().context.answers).toEqual([]);
  });
});
