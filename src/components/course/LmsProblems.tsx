import { useState } from "react";
import type { LmsProblemCode } from "../../tracking/scorm/lmsProblem.ts";
import type { LmsProblem } from "../../tracking/scorm/lmsSession.ts";
import { LmsDebug } from "./LmsDebug.tsx";

const MESSAGES: Record<LmsProblemCode, string> = {
  LMS_NOT_STARTED: "Your LMS did not start this session, so your progress may not be saved.",
  LMS_VALUE_REFUSED: "Your LMS did not accept part of your progress, so some of it may not be saved.",
  LMS_COMMIT_FAILED: "Your LMS did not save your progress just now.",
  LMS_FINISH_FAILED: "Your LMS did not close the session, so your last steps may not be saved.",
  PROGRESS_TOO_LONG: "Your progress is longer than this LMS keeps, so it may not be saved.",
};

/**
 * Tells the learner, plainly and with a code to quote, when the LMS refused something; the course
 * carries on. What the LMS said (calls, values, error codes) waits behind a button, in the debug
 * view for the LMS administrator. It comes with the later steps' chunk, loaded as the course starts.
 */
export function LmsProblems({ problems }: { problems: readonly LmsProblem[] }) {
  const [open, setOpen] = useState(false);
  const latest = problems.at(-1);
  if (!latest) return null;
  return (
    <div className="form-error">
      <p role="alert">
        {MESSAGES[latest.code]} You can carry on. If it happens again, tell your LMS administrator and quote{" "}
        <code>{latest.code}</code>.
      </p>
      <button type="button" className="button button--quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        Details for your LMS administrator
      </button>
      {open && <LmsDebug problems={problems} />}
    </div>
  );
}
