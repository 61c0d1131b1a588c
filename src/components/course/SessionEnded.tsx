import type { SessionEnd } from "../../tracking/scorm/lmsSession.ts";

const ENDINGS: Record<SessionEnd, { title: string; text: string }> = {
  finished: {
    title: "You have finished the course",
    text: "Your LMS has your result and your acknowledgement. You can close this window, or go back to your LMS.",
  },
  saved: {
    title: "Your progress is saved",
    text: "You can close this window. When you open the course from your LMS again, you carry on where you left off.",
  },
  closed: {
    title: "This session has ended",
    text: "Your progress is saved. To carry on, open the course again from your LMS. You can close this window.",
  },
};

/** What the learner sees once the LMS session is over: that it is, and that the window can be closed. */
export function SessionEnded({ how }: { how: SessionEnd }) {
  const { title, text } = ENDINGS[how];
  return (
    <section className="course-step" aria-labelledby="ended-title">
      <h1 id="ended-title" tabIndex={-1} data-autofocus>
        {title}
      </h1>
      <p>{text}</p>
    </section>
  );
}
