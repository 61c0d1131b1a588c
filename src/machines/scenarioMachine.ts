import { assign } from "xstate";
import { lightSetup } from "./lightSetup.ts";
import { scenarioResult, type ScenarioAnswer, type ScenarioResult } from "../course/scenarioResult.ts";
import type { CourseScenario } from "../schemas/scenario.ts";

export type ScenarioEvent =
  { type: "choice.select"; index: number; at?: number } | { type: "feedback.continue" } | { type: "scenario.finish" };

export interface ScenarioContext {
  answers: ScenarioAnswer[];
  /** The last answer's feedback is on screen until the learner continues. */
  showingFeedback: boolean;
}

/**
 * Turns a validated scenario into a state machine: one state per node. A choice records the
 * answer, moves to its `next` node and shows its feedback; an end node waits for
 * `scenario.finish`, then the machine is done with the path, the answers and the score as output.
 */
export function createScenarioMachine(scenario: CourseScenario) {
  const nodeStates = Object.fromEntries(
    Object.entries(scenario.nodes).map(([id, node]) => [
      id,
      node.type === "end"
        ? { on: { "scenario.finish": { guard: "feedbackSeen" as const, target: "#scenario.finished" } } }
        : {
            on: {
              "choice.select": node.choices.map((choice, index) => ({
                guard: { type: "isChoice" as const, params: { index } },
                target: `#scenario.${choice.next}`,
                actions: {
                  type: "recordAnswer" as const,
                  params: { node: id, choice: index, outcome: choice.outcome, clause: choice.clause },
                },
              })),
            },
          },
    ]),
  );

  return lightSetup({
    types: { context: {} as ScenarioContext, events: {} as ScenarioEvent, output: {} as ScenarioResult },
    guards: {
      isChoice: ({ context, event }, params: { index: number }) =>
        !context.showingFeedback && event.type === "choice.select" && event.index === params.index,
      feedbackSeen: ({ context }) => !context.showingFeedback,
    },
    actions: {
      recordAnswer: assign(({ context, event }, params: Omit<ScenarioAnswer, "at">) => ({
        answers: [
          ...context.answers,
          { ...params, at: event.type === "choice.select" ? (event.at ?? Date.now()) : Date.now() },
        ],
        showingFeedback: true,
      })),
    },
  }).createMachine({
    id: "scenario",
    initial: scenario.start,
    context: { answers: [], showingFeedback: false },
    on: { "feedback.continue": { actions: assign({ showingFeedback: false }) } },
    states: { ...nodeStates, finished: { type: "final" } },
    output: ({ context }) => scenarioResult(scenario, context.answers),
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
