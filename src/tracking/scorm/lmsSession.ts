import type { LmsProblem } from "./lmsProblem.ts";
import type { SessionEnd } from "./scormTracker.ts";

/** What the course's pages use of an LMS session besides the Tracker: its problems, leaving on purpose, how it ended. */
export interface LmsSession {
  readonly problems: readonly LmsProblem[];
  readonly ended?: SessionEnd;
  /** Calls `listener` on each problem and when the session ends; returns a function that stops it. */
  watch(listener: () => void): () => void;
  /** Finish (once acknowledged) or Save and exit (before): commit and terminate while the page lives. */
  leave(): void;
}

export type { LmsProblem, SessionEnd };
