import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { Outcome } from "../../schemas/scenario.ts";
import { ClauseLink } from "./ClauseLink.tsx";

const VERDICT: Record<Outcome, string> = {
  correct: "Right call",
  partial: "Partly right",
  incorrect: "Not the right call",
};

interface Props {
  outcome: Outcome;
  clause: string;
  html: string;
  course: CourseDefinition;
  onContinue: () => void;
}

/** What the learner's choice means, citing the clause it rests on. */
export function ChoiceFeedback({ outcome, clause, html, course, onContinue }: Props) {
  return (
    <div className={`feedback feedback--${outcome}`}>
      <h2>{VERDICT[outcome]}</h2>
      <div dangerouslySetInnerHTML={{ __html: html }} />
      <p className="feedback__clause">
        Policy: <ClauseLink course={course} id={clause} />
      </p>
      <button type="button" className="button" data-autofocus onClick={onContinue}>
        Continue
      </button>
    </div>
  );
}
