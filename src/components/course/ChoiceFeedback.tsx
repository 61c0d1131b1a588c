import { betterChoice } from "../../course/betterChoice.ts";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { ScenarioAnswer } from "../../course/scenarioResult.ts";
import type { Outcome, QuestionNode } from "../../schemas/scenario.ts";
import { ClauseLink } from "./ClauseLink.tsx";

const VERDICT: Record<Outcome, string> = {
  correct: "Right call",
  partial: "Partly right",
  incorrect: "Not the right call",
};

export interface ChoiceFeedbackProps {
  /** The question answered, and the answer. */
  node: QuestionNode;
  answer: Pick<ScenarioAnswer, "choice" | "outcome" | "clause">;
  course: CourseDefinition;
  onContinue: () => void;
}

/**
 * What the learner's choice means, citing the clause it rests on, and after a miss what would have
 * been right and why. It comes with the later steps' chunk: it shows only after the learner has chosen.
 */
export function ChoiceFeedback({ node, answer: { choice, outcome, clause }, course, onContinue }: ChoiceFeedbackProps) {
  const html = node.choices[choice]?.feedback ?? "";
  const better = betterChoice(node, choice);
  return (
    <div className={`feedback feedback--${outcome}`}>
      <h2>{VERDICT[outcome]}</h2>
      <div dangerouslySetInnerHTML={{ __html: html }} />
      <p className="feedback__clause">
        Policy: <ClauseLink course={course} id={clause} />
      </p>
      {better && (
        <div className="feedback__better">
          <h3>A better choice</h3>
          <p>
            <strong>{better.label}</strong>
          </p>
          <div dangerouslySetInnerHTML={{ __html: better.feedback }} />
        </div>
      )}
      <button type="button" className="button" data-autofocus onClick={onContinue}>
        Continue
      </button>
    </div>
  );
}
