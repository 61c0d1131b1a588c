import { initialTransition, transition, type SnapshotFrom } from "xstate";
import type { CourseDefinition } from "../course/courseDefinition.ts";
import type { Scenario } from "../schemas/scenario.ts";
import type { ScenarioResult } from "../course/scenarioResult.ts";
import { createScenarioMachine, type ScenarioMachine } from "./scenarioMachine.ts";

export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;

/**
 * The course's scenarios as machines it can step through without running actors: saved progress is
 * only choices, and these pure transitions turn choices back into what the learner saw.
 */
export interface ScenarioReplay {
  machineFor: (id: string) => ScenarioMachine;
  /** Position of a scenario in the course's bank, as saved progress stores it. */
  bankIndex: (id: string) => number;
  /** Replays choices; the last choice's feedback stays on screen unless it was dismissed. */
  play: (id: string, choices: readonly number[], now: number, feedbackDismissed?: boolean) => ScenarioSnapshot;
  /** Replays a scenario to its end, or undefined when the choices do not end it. */
  finishedPlay: (id: string, choices: readonly number[], now: number) => ScenarioResult | undefined;
  /** The plan's scenario at `index`, fresh, or undefined past the end. */
  startScenario: (
    plan: string[],
    index: number,
    now: number,
  ) => { id: string; snapshot: ScenarioSnapshot; shownAt: number } | undefined;
}

export function scenarioReplay(course: CourseDefinition): ScenarioReplay {
  const machines = new Map(course.scenarios.map((s) => [s.id, scenarioMachineOf(s)]));
  const bankIndexes = new Map(course.scenarios.map((s, i) => [s.id, i]));
  const machineFor = (id: string): ScenarioMachine => {
    const machine = machines.get(id);
    if (!machine) throw new Error(`Scenario "${id}" is not part of this course.`);
    return machine;
  };
  const play: ScenarioReplay["play"] = (id, choices, now, feedbackDismissed = false) => {
    const machine = machineFor(id);
    let [snapshot] = initialTransition(machine);
    choices.forEach((index, n) => {
      if (n > 0) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
      [snapshot] = transition(machine, snapshot, { type: "choice.select", index, at: now });
    });
    if (feedbackDismissed) [snapshot] = transition(machine, snapshot, { type: "feedback.continue" });
    return snapshot;
  };
  return {
    machineFor,
    bankIndex: (id) => bankIndexes.get(id) ?? -1,
    play,
    finishedPlay: (id, choices, now) => {
      const [snapshot] = transition(machineFor(id), play(id, choices, now, true), { type: "scenario.finish" });
      return snapshot.status === "done" ? snapshot.output : undefined;
    },
    startScenario: (plan, index, now) => {
      const id = plan[index];
      return id ? { id, snapshot: play(id, [], now), shownAt: now } : undefined;
    },
  };
}

// Building a machine is the costly part of a reload; a course's scenarios keep theirs.
const scenarioMachines = new WeakMap<Scenario, ScenarioMachine>();
function scenarioMachineOf(scenario: Scenario): ScenarioMachine {
  const machine = scenarioMachines.get(scenario) ?? createScenarioMachine(scenario);
  scenarioMachines.set(scenario, machine);
  return machine;
}
