import { useEffect, useRef } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { PreviewTracker } from "../../tracking/previewTracker.ts";
import type { AcknowledgementReceipt } from "../../tracking/tracker.ts";
import { SiteTracker } from "../../tracking/siteTracker.ts";
import { AcknowledgeStep } from "./AcknowledgeStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { IntroStep } from "./IntroStep.tsx";
import { PolicyStep } from "./PolicyStep.tsx";
import { ResultStep } from "./ResultStep.tsx";
import { ScenarioPlayer } from "./ScenarioPlayer.tsx";
import { useCourseActor, useSnapshot, type CourseActor } from "./useCourse.ts";

interface Props {
  course: CourseDefinition;
  /** Where records go: the site's records server, or only this browser (preview). */
  target: "site" | "preview";
}

/** The course shell: starts the tracker and the course machine, and shows the current step. */
export default function CourseApp({ course, target }: Props) {
  const { actor, start } = useCourseActor(course, () =>
    target === "site"
      ? new SiteTracker(window.localStorage, course.key)
      : new PreviewTracker(window.localStorage, course.key),
  );
  if (!actor) return <p className="course-loading">Loading the course…</p>;
  return <CourseSteps actor={actor} course={course} latestReceipt={start?.latestReceipt} />;
}

interface StepsProps {
  actor: CourseActor;
  course: CourseDefinition;
  latestReceipt: AcknowledgementReceipt | undefined;
}

function CourseSteps({ actor, course, latestReceipt }: StepsProps) {
  const snapshot = useSnapshot(actor);
  const { context } = snapshot;
  const step = typeof snapshot.value === "string" ? snapshot.value : Object.keys(snapshot.value)[0];
  const playing = context.playing;
  // Focus follows the learner: a new step, situation or feedback moves focus to its [data-autofocus].
  const focusKey = [step, playing?.id, String(playing?.snapshot.value), playing?.snapshot.context.showingFeedback].join(
    "|",
  );
  const region = useRef<HTMLDivElement>(null);
  const firstKey = useRef(focusKey);
  useEffect(() => {
    if (focusKey === firstKey.current) return;
    firstKey.current = "";
    region.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [focusKey]);

  return (
    <div ref={region} className="course">
      {context.tracker.kind === "preview" && (
        <p className="course-banner">
          <strong>Preview.</strong> Your progress and acknowledgement stay in this browser; no record reaches HR.
        </p>
      )}
      {step === "intro" && <IntroStep course={course} latestReceipt={latestReceipt} send={actor.send} />}
      {step === "policy" && <PolicyStep course={course} opened={context.opened} send={actor.send} />}
      {step === "scenarios" && playing && <ScenarioPlayer course={course} context={context} send={actor.send} />}
      {step === "result" && context.result && <ResultStep course={course} result={context.result} send={actor.send} />}
      {step === "acknowledgement" && (
        <AcknowledgeStep
          course={course}
          asksIdentity={context.tracker.asksIdentity}
          learner={context.learner}
          submitting={snapshot.matches({ acknowledgement: "submitting" })}
          error={context.error}
          send={actor.send}
        />
      )}
      {step === "done" && <DoneStep course={course} receipt={context.receipt} />}
    </div>
  );
}
