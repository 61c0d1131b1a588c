import { useEffect, useRef } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { PreviewTracker } from "../../tracking/previewTracker.ts";
import { connectLms } from "../../tracking/scorm/connectLms.ts";
import type { AcknowledgementReceipt, Tracker } from "../../tracking/tracker.ts";
import { SiteTracker } from "../../tracking/siteTracker.ts";
import { AcknowledgeStep } from "./AcknowledgeStep.tsx";
import { DoneStep } from "./DoneStep.tsx";
import { IntroStep } from "./IntroStep.tsx";
import { LmsProblems } from "./LmsProblems.tsx";
import { PolicyStep } from "./PolicyStep.tsx";
import { ResultStep } from "./ResultStep.tsx";
import { ScenarioPlayer } from "./ScenarioPlayer.tsx";
import { useCourseActor, useSnapshot, type CourseActor } from "./useCourse.ts";

interface Props {
  course: CourseDefinition;
  /** Where records go: the site's records server, the LMS of a SCORM package, or only this browser (preview). */
  target: "site" | "preview" | "scorm12" | "scorm2004";
}

/** The course shell: starts the tracker and the course machine, and shows the current step. */
export default function CourseApp({ course, target }: Props) {
  const { actor, start } = useCourseActor(course, () => createTracker(target, course.key));
  if (!actor) return <p className="course-loading">Loading the course…</p>;
  return <CourseSteps actor={actor} course={course} latestReceipt={start?.latestReceipt} />;
}

/** The site reports to its server; a package to its LMS, or runs in preview when no LMS launched it. */
async function createTracker(target: Props["target"], courseKey: string): Promise<Tracker> {
  if (target === "site") return new SiteTracker(window.localStorage, courseKey);
  const lms = target === "preview" ? undefined : await connectLms(window, target);
  return lms ?? new PreviewTracker(window.localStorage, courseKey);
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
      <LmsProblems tracker={context.tracker} />
      {context.tracker.kind === "preview" && (
        <p className="course-banner">
          <strong>Preview.</strong> No records server or LMS is connected: your progress and acknowledgement stay in
          this browser, and no record reaches HR.
        </p>
      )}
      {step === "intro" && (
        <IntroStep course={course} latestReceipt={latestReceipt} learner={context.learner} send={actor.send} />
      )}
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
