/**
 * What can go wrong with the LMS, by name (as Adapt's spoor names its errors), so that the learner
 * reads a plain sentence and a code to quote, and the CMI detail goes to the debug view only.
 */
export type LmsProblemCode =
  "LMS_NOT_STARTED" | "LMS_VALUE_REFUSED" | "LMS_COMMIT_FAILED" | "LMS_FINISH_FAILED" | "PROGRESS_TOO_LONG";

export interface LmsProblem {
  code: LmsProblemCode;
  /** The call, its value and the LMS's error code and text: for the LMS administrator, never shown unasked. */
  detail: string;
}
