import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { CourseContext } from "../../machines/courseContext.ts";
import type { Tracker } from "../../tracking/tracker.ts";
import { AcknowledgeStep } from "./AcknowledgeStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { ResultStep } from "./ResultStep.tsx";

export interface LaterStepsProps {
  step: "result" | "acknowledgement" | "done";
  course: CourseDefinition;
  context: CourseContext;
  tracker: Tracker;
  submitting: boolean;
  send: (event: CourseEvent) => void;
}

/**
 * The steps after the scenarios: the result, the acknowledgement and the receipt. They come in a chunk
 * of their own, loaded while the learner plays, so that the page's first load stays within its budget.
 */
export default function LaterSteps({ step, course, context, tracker, submitting, send }: LaterStepsProps) {
  if (step === "result") return context.result && <ResultStep course={course} result={context.result} send={send} />;
  if (step === "done") return <DoneStep course={course} receipt={context.receipt} />;
  return (
    <AcknowledgeStep
      course={course}
      asksIdentity={tracker.asksIdentity}
      learner={context.learner}
      submitting={submitting}
      error={context.error}
      send={send}
    />
  );
}
