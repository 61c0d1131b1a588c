import type { CourseDefinition } from "../course/courseDefinition.ts";
import type { EarlierMisses } from "../course/earlierMisses.ts";
import type { ScenarioResult } from "../course/scenarioResult.ts";
import type { AcknowledgementReceipt, CourseResult, Learner } from "../tracking/tracker.ts";
import type { CourseStep } from "./progressCodec.ts";
import type { Playing } from "./scenarioReplay.ts";

/** What the course starts from: the course, and what the tracker kept or knows. */
export interface CourseInput {
  course: CourseDefinition;
  /** Saved progress from the tracker, to resume where the learner left. */
  progress?: string;
  /** The receipt the tracker kept, shown again when the course resumes at the end. */
  receipt?: AcknowledgementReceipt;
  /** Who the target says the learner is (single sign-on or the LMS), if it knows. */
  learner?: Learner;
}

/** The course's state: data only (what it reports, and where, is provided to the machine). */
export interface CourseContext {
  course: CourseDefinition;
  learner?: Learner;
  resumeStep: CourseStep;
  attempt: number;
  /** Identifies this attempt at the course, so that a double submit records once. */
  attemptId: string;
  /** Policy sections the learner has opened, by number. */
  opened: string[];
  /** This attempt's scenarios, in play order; on a retry, the missed ones. */
  plan: string[];
  /** Every scenario of the course, in play order: the first attempt's plan. */
  scope: string[];
  index: number;
  finished: Record<string, ScenarioResult>;
  /** What the earlier attempts missed, by clause: their plays of the scenarios replayed since. */
  earlierMisses: EarlierMisses;
  playing?: Playing;
  result?: CourseResult;
  receipt?: AcknowledgementReceipt;
  error?: string;
}
