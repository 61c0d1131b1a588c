import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import type { AcknowledgementRequest } from "../../src/schemas/acknowledgementBody.ts";
import type { CourseScenario } from "../../src/schemas/scenario.ts";

/**
 * What the course sends for a learner who played every scenario of `course` and chose the correct
 * answer each time: a full, passing onboarding acknowledgement, as large as a real one gets.
 */
export function genuineOnboardingBody(course: CourseDefinition, attemptId: string): AcknowledgementRequest {
  const name = "Maximiliane Oyelaran-Whitcombe";
  return {
    attemptId,
    learner: { name, email: `${attemptId}@kestrel.example`, employeeId: `E-${attemptId}` },
    typedName: name,
    policy: { version: course.policy.version, hash: course.policy.hash },
    result: {
      mode: "onboarding",
      score: 1,
      passed: true,
      attempt: 1,
      scenarios: course.scenarios.map((scenario) => ({ id: scenario.id, score: 1, outcomes: correctPath(scenario) })),
    },
  };
}

/** The outcomes along the path of correct choices (every scenario has one, by the build's checks). */
function correctPath(scenario: CourseScenario): { clause: string; outcome: "correct" }[] {
  const outcomes: { clause: string; outcome: "correct" }[] = [];
  let node = scenario.nodes[scenario.start];
  while (node?.type === "question") {
    const choice = node.choices.find((c) => c.outcome === "correct");
    if (!choice) throw new Error(`${scenario.id} has a question without a correct choice`);
    outcomes.push({ clause: choice.clause, outcome: "correct" });
    node = scenario.nodes[choice.next];
  }
  return outcomes;
}
