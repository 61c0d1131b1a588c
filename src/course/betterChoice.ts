import type { Choice, QuestionNode } from "../schemas/scenario.ts";

/**
 * After a choice that was not fully correct, the choice the learner should have made at that
 * question (the first correct one), so that the feedback can say what it was and why; none after a
 * correct choice.
 */
export function betterChoice(node: QuestionNode, chosen: number): Choice | undefined {
  if (node.choices[chosen]?.outcome === "correct") return undefined;
  return node.choices.find((choice) => choice.outcome === "correct");
}
