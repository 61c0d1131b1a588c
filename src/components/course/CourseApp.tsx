import { useEffect, useRef, useState } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { SIGN_OUT_PATH } from "../../lib/authRoutes.ts";
import { PreviewTracker } from "../../tracking/previewTracker.ts";
import { TARGET } from "../../site/target.ts";
import { connectLms } from "../../tracking/scorm/connectLms.ts";
import { scorm12Dialect } from "../../tracking/scorm/scorm12Dialect.ts";
import { scorm2004Dialect } from "../../tracking/scorm/scorm2004Dialect.ts";
import type { LmsSession } from "../../tracking/scorm/lmsSession.ts";
import type { Tracker } from "../../tracking/tracker.ts";
import { SiteTracker } from "../../tracking/siteTracker.ts";
import type { CourseMode } from "./courseMode.ts";
import { LaterPending } from "./LaterPending.tsx";
import { ScenarioPlayer } from "./ScenarioPlayer.tsx";
import type { LaterStepsProps } from "./LaterSteps.tsx";
import { useLaterSteps } from "./useLaterSteps.ts";
import { useCourseActor, useSnapshot, type StartedCourse } from "./useCourse.ts";

interface Props {
  course: CourseDefinition;
  mode: CourseMode;
}

/**
 * The course shell: starts the tracker and the course machine, and shows the current step. Until they
 * have started it shows the intro as the page's HTML has it (CoursePage.astro renders this component
 * on the server), so that the first screen needs no JavaScript and the island hydrates it unchanged.
 */
export default function CourseApp({ course, mode }: Props) {
  const started = useCourseActor(course, mode.plan, () => createTracker(course.key));
  return <CourseSteps started={started} course={course} mode={mode} />;
}

/**
 * The site reports to its server; a package to its LMS, or runs in preview when no LMS launched it.
 * TARGET is a constant of the build, so each build's JavaScript carries only its own tracker.
 */
async function createTracker(courseKey: string): Promise<Tracker> {
  if (TARGET === "site") return new SiteTracker(window.localStorage, courseKey);
  const lms =
    TARGET === "scorm12"
      ? await connectLms(window, "1.2", scorm12Dialect)
      : await connectLms(window, "2004", scorm2004Dialect);
  return lms ?? new PreviewTracker(window.localStorage, courseKey);
}

interface StepsProps {
  /** Undefined while the tracker starts: in the server's HTML, and until the island has started. */
  started: StartedCourse | undefined;
  course: CourseDefinition;
  mode: CourseMode;
}

/** The LMS session behind the tracker, in a package launched by an LMS; re-renders when it has news. */
function useLmsSession(tracker: Tracker | undefined): LmsSession | undefined {
  const lms = TARGET !== "site" && tracker && "leave" in tracker ? (tracker as Tracker & LmsSession) : undefined;
  const [, setNews] = useState(0);
  useEffect(() => lms?.watch(() => setNews((n) => n + 1)), [lms]);
  return lms;
}

/** Nothing to send before the course machine exists: Start stays disabled until then. */
const notYet = () => undefined;

function CourseSteps({ started, course, mode }: StepsProps) {
  const { Intro, Policy } = mode;
  const { actor, tracker, start } = started ?? {};
  const snapshot = useSnapshot(actor);
  const context = snapshot?.context;
  const lms = useLmsSession(tracker);
  const ended = lms?.ended;
  const value = snapshot?.value ?? "intro";
  const step = ended ? "ended" : typeof value === "string" ? value : Object.keys(value)[0];
  const playing = context?.playing;
  // Loaded once the learner has started, or at once when the LMS has refused something to say so;
  // not for a page being dismissed ("closed"), where the browser would cut the request off.
  const later = useLaterSteps(ended !== "closed" && (step !== "intro" || !!lms?.problems.length));
  // Focus follows the learner: a new step, situation or feedback moves focus to its [data-autofocus].
  const laterStep = step === "result" || step === "acknowledgement" || step === "done" || step === "ended";
  // A later step that waited for its chunk takes focus when the chunk arrives.
  // So do feedback and debriefs, which come with that chunk: once the learner has answered, the chunk
  // can only be missing while the first feedback waits for it.
  const focusKey = [
    step,
    playing?.id,
    playing?.node,
    playing?.showingFeedback,
    (laterStep || !!playing?.answers.length) && !!later,
  ].join("|");
  const region = useRef<HTMLDivElement>(null);
  // The step the course starts on (the intro, or saved progress) keeps the focus where the page put it.
  const firstKey = useRef<string>(undefined);
  useEffect(() => {
    if (!started) return;
    firstKey.current ??= focusKey;
    if (focusKey === firstKey.current) return;
    firstKey.current = "";
    region.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [focusKey, started]);

  return (
    // aria-busy until the course has started: what the server rendered is shown, not yet live.
    <div ref={region} className="course" aria-busy={started ? undefined : true}>
      {lms && later && "Problems" in later && <later.Problems problems={lms.problems} />}
      {TARGET === "site" && start?.signedIn && (
        <form className="course-signed-in" method="post" action={SIGN_OUT_PATH}>
          <span>
            Signed in as <strong>{start.signedIn.name}</strong> ({start.signedIn.email}).
          </span>
          <button type="submit" className="button button--quiet">
            Sign out
          </button>
        </form>
      )}
      {tracker?.kind === "preview" && (
        <p className="course-banner">
          <strong>Preview.</strong> No records server or LMS is connected: your progress and acknowledgement stay in
          this browser, and no record reaches HR.
        </p>
      )}
      {step === "intro" && (
        <Intro
          course={course}
          latestReceipt={start?.latestReceipt}
          missedClauses={start?.missedClauses}
          learner={context?.learner}
          send={actor?.send ?? notYet}
          ready={!!actor}
        />
      )}
      {actor && context && step === "policy" && Policy && (
        <Policy course={course} opened={context.opened} send={actor.send} />
      )}
      {actor && context && step === "scenarios" && playing && (
        <ScenarioPlayer course={course} context={context} send={actor.send} later={later} />
      )}
      {actor &&
        tracker &&
        context &&
        laterStep &&
        (!later || "failed" in later ? (
          <LaterPending failed={!!later} />
        ) : (
          <later.Steps
            step={step as LaterStepsProps["step"]}
            course={course}
            context={context}
            tracker={tracker}
            submitting={!!snapshot?.matches({ acknowledgement: "submitting" })}
            send={actor.send}
            ended={ended}
            leave={lms && (() => lms.leave())}
          />
        ))}
      {lms && step !== "intro" && step !== "done" && step !== "ended" && (
        // Leaving on purpose, while the page lives, rather than trusting the browser to save on close.
        <p>
          <button type="button" className="button button--quiet" onClick={() => lms.leave()}>
            Save and exit
          </button>
        </p>
      )}
    </div>
  );
}
