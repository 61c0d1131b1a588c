import { initialTransition, transition, type SnapshotFrom } from "xstate";
import type { CourseDefinition } from "../course/courseDefinition.ts";
import type { CourseScenario } from "../schemas/scenario.ts";
import type { ScenarioResult } from "../course/scenarioResult.ts";
import {
  createScenarioMachine,
  type ScenarioContext,
  type ScenarioEvent,
  type ScenarioMachine,
} from "./scenarioMachine.ts";

/**
 * A scenario part-way through, as plain data: the node on screen and the machine's context (the
 * answers so far, whether the last one's feedback shows). The course keeps this, not the machine's
 * snapshot, which carries the machine itself: the course's context is data only.
 */
export interface ScenarioState extends ScenarioContext {
  node: string;
}

/** The scenario on screen: which, where the learner is in it, and since when its situation shows. */
export interface Playing extends ScenarioState {
  id: string;
  shownAt: number;
}

/**
 * The course's scenarios as machines it can step through without running actors: saved progress is
 * only choices, and these pure transitions turn choices back into what the learner saw.
 */
export interface ScenarioReplay {
  /** Position of a scenario in the course's bank, as saved progress stores it. */
  bankIndex: (id: string) => number;
  /** Replays choices; the last choice's feedback stays on screen unless it was dismissed. */
  play: (id: string, choices: readonly number[], now: number, feedbackDismissed?: boolean) => ScenarioState;
  /** The scenario being played, one event further (unchanged by an event it does not take). */
  advance: (playing: Playing, event: ScenarioEvent) => Playing;
  /** The result of finishing the scenario where it stands, or undefined when it cannot finish there. */
  finish: (playing: Pick<Playing, "id"> & ScenarioState) => ScenarioResult | undefined;
  /** Replays a scenario to its end, or undefined when the choices do not end it. */
  finishedPlay: (id: string, choices: readonly number[], now: number) => ScenarioResult | undefined;
  /** The plan's scenario at `index`, fresh, or undefined past the end. */
  startScenario: (plan: string[], index: number, now: number) => Playing | undefined;
}

export function scenarioReplay(course: CourseDefinition): ScenarioReplay {
  const machines = new Map(course.scenarios.map((s) => [s.id, scenarioMachineOf(s)]));
  const bankIndexes = new Map(course.scenarios.map((s, i) => [s.id, i]));
  const machineFor = (id: string): ScenarioMachine => {
    const machine = machines.get(id);
    if (!machine) throw new Error(`Scenario "${id}" is not part of this course.`);
    return machine;
  };
  // A scenario's states are flat, one per node: the state's value is the node's id.
  const stateOf = ({ value, context }: SnapshotFrom<ScenarioMachine>): ScenarioState => ({
    node: value,
    ...context,
  });
  /** The machine's snapshot where the scenario stands, rebuilt from the data, one event further. */
  const next = (
    { id, node, answers, showingFeedback }: Parameters<ScenarioReplay["finish"]>[0],
    event: ScenarioEvent,
  ) => {
    const machine = machineFor(id);
    return transition(machine, machine.resolveState({ value: node, context: { answers, showingFeedback } }), event)[0];
  };
  const finish: ScenarioReplay["finish"] = (playing) => {
    const snapshot = next(playing, { type: "scenario.finish" });
    return snapshot.status === "done" ? snapshot.output : undefined;
  };
  const play: ScenarioReplay["play"] = (id, choices, now, feedbackDismissed = false) => {
    const machine = machineFor(id);
    let [snapshot] = initialTransition(machine);
    choices.forEach((index, n) => {
      if (n > 0) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
      [snapshot] = transition(machine, snapshot, { type: "choice.select", index, at: now });
    });
    if (feedbackDismissed) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
    return stateOf(snapshot);
  };
  return {
    bankIndex: (id) => bankIndexes.get(id) ?? -1,
    play,
    advance: (playing, event) => ({ ...playing, ...stateOf(next(playing, event)) }),
    finish,
    finishedPlay: (id, choices, now) => finish({ id, ...play(id, choices, now, true) }),
    startScenario: (plan, index, now) => {
      const id = plan[index];
      return id ? { id, ...play(id, [], now), shownAt: now } : undefined;
    },
  };
}

// Building a machine is the costly part of a reload; a course's scenarios keep theirs.
const scenarioMachines = new WeakMap<CourseScenario, ScenarioMachine>();
function scenarioMachineOf(scenario: CourseScenario): ScenarioMachine {
  const machine = scenarioMachines.get(scenario) ?? createScenarioMachine(scenario);
  scenarioMachines.set(scenario, machine);
  return machine;
}
