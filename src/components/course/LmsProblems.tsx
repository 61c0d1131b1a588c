import { useEffect, useState } from "react";
import type { Tracker } from "../../tracking/tracker.ts";

type WithProblems = Tracker & { onProblem?: (listener: (problem: string) => void) => () => void };

/** Tells the learner, plainly, when the LMS refused to save something; the course carries on. */
export function LmsProblems({ tracker }: { tracker: WithProblems }) {
  const [problem, setProblem] = useState<string>();
  useEffect(() => tracker.onProblem?.(setProblem), [tracker]);
  if (!problem) return null;
  return (
    <p className="form-error" role="alert">
      Your LMS did not accept part of your progress ({problem}). Your progress may not be saved; you can carry on, and
      tell your LMS administrator if it happens again.
    </p>
  );
}
