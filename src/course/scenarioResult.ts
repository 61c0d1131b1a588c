import type { CourseScenario, Outcome } from "../schemas/scenario.ts";
import { scoreOutcomes } from "./scoring.ts";

/** One choice the learner made. */
export interface ScenarioAnswer {
  node: string;
  /** Index of the choice within its node, from 0. */
  choice: number;
  outcome: Outcome;
  clause: string;
  /** When the choice was made (ms since the epoch); interactions report it. */
  at: number;
}

export interface ScenarioResult {
  scenarioId: string;
  /** Nodes visited, from the start to the end node. */
  path: string[];
  answers: ScenarioAnswer[];
  /** From 0 to 1. */
  score: number;
}

/** The path, answers and score of one play of a scenario, from the choices made in it. */
export function scenarioResult(scenario: CourseScenario, answers: ScenarioAnswer[]): ScenarioResult {
  const path = [scenario.start, ...answers.map((a) => nextOf(scenario, a))];
  return { scenarioId: scenario.id, path, answers, score: scoreOutcomes(answers.map((a) => a.outcome)) };
}

function nextOf(scenario: CourseScenario, answer: ScenarioAnswer): string {
  const node = scenario.nodes[answer.node];
  return node?.type === "question" ? (node.choices[answer.choice]?.next ?? "") : "";
}
