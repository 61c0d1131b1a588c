import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { CourseContext } from "../../machines/courseContext.ts";
import type { SessionEnd } from "../../tracking/scorm/lmsSession.ts";
import type { Tracker } from "../../tracking/tracker.ts";
import { AcknowledgeStep } from "./AcknowledgeStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { ResultStep } from "./ResultStep.tsx";
import { SessionEnded } from "./SessionEnded.tsx";

export { LmsProblems } from "./LmsProblems.tsx";
export { ChoiceFeedback } from "./ChoiceFeedback.tsx";
export { ScenarioDebrief } from "./ScenarioDebrief.tsx";
export { PolicyStep } from "./PolicyStep.tsx";

export interface LaterStepsProps {
  step: "result" | "acknowledgement" | "done";
  course: CourseDefinition;
  context: CourseContext;
  tracker: Tracker;
  submitting: boolean;
  send: (event: CourseEvent) => void;
  /** How the LMS session ended, once it has: that screen replaces the step. */
  ended?: SessionEnd;
  /** Ends the LMS session on purpose (Finish), where the course runs in an LMS. */
  leave?: () => void;
}

/**
 * The steps after the scenarios: the result, the acknowledgement, the receipt, and the screen that
 * says an LMS session is over. They come in a chunk of their own, loaded once the learner starts, so
 * that the page's first load stays within its budget; what the LMS refused, and its debug view, come
 * with them, and so do the feedback on a choice and a scenario's debrief, which show only once the
 * learner has chosen, and the onboarding's policy step, which shows only once they have pressed Start.
 */
export default function LaterSteps({
  step,
  course,
  context,
  tracker,
  submitting,
  send,
  ended,
  leave,
}: LaterStepsProps) {
  if (ended) return <SessionEnded how={ended} />;
  if (step === "result") return context.result && <ResultStep course={course} result={context.result} send={send} />;
  if (step === "done") return <DoneStep course={course} receipt={context.receipt} onFinish={leave} />;
  return (
    <AcknowledgeStep
      course={course}
      asksIdentity={tracker.asksIdentity}
      learner={context.learner}
      submitting={submitting}
      error={context.error}
      refusedFields={tracker.refusedFields}
      send={send}
    />
  );
}
