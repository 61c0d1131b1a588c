import type { AcknowledgementReceipt, AcknowledgementRequest, ScenarioPlay } from "../tracker.ts";
import type { LmsProblemCode } from "./lmsProblem.ts";
import type { CmiValue } from "./scormTracker.ts";

/**
 * What a SCORM version says once the learner has played: each scenario as an interaction, and the
 * acknowledgement with its score, status and receipt. A module of its own (scormReports.ts), loaded
 * after the course is on screen, so that the page's first load stays within its budget.
 */
export interface CmiReports {
  /**
   * A play as interaction `index`; nothing when adding it would make the state LMSs post (what this
   * session `written`, and `priorPlays` from earlier sessions) outgrow one beacon (postBudget.ts).
   */
  playValues(index: number, play: ScenarioPlay, written: Iterable<CmiValue>, priorPlays: number): CmiValue[];
  /** The acknowledgement's values, the receipt in the LMS's location among them, and the receipt. */
  acknowledgement(
    index: number,
    request: AcknowledgementRequest,
    at: Date,
  ): { values: CmiValue[]; receipt: AcknowledgementReceipt };
  /** What the learner is told when the LMS did not save the acknowledgement. */
  refusal(code: LmsProblemCode): string;
  /** The receipt kept in the LMS's location element, when a finished attempt is relaunched (lmsReceipt.ts). */
  receipt(location: string): AcknowledgementReceipt | undefined;
}
