import type { ComponentType } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { FirstAttemptPlan } from "../../course/firstAttempt.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { AcknowledgementReceipt, Learner } from "../../tracking/tracker.ts";

export interface IntroProps {
  course: CourseDefinition;
  /** The learner's last acknowledgement, if this browser has one. */
  latestReceipt?: AcknowledgementReceipt;
  /** Who the LMS or single sign-on says the learner is, if it knows. */
  learner?: Learner;
  /** Clauses the learner missed in earlier quarters, if the target knows. */
  missedClauses?: string[];
  send: (event: CourseEvent) => void;
  /** False in the server's HTML and until the course has started: Start waits for it. */
  ready: boolean;
}

export interface PolicyStepProps {
  course: CourseDefinition;
  opened: string[];
  send: (event: CourseEvent) => void;
}

/**
 * What differs between the onboarding course and the refresher: how the first attempt is planned,
 * the intro, and whether the policy is read first. Each page passes its own, so that its
 * JavaScript carries only what it uses (the course page has a 90 KB first-load budget).
 */
export interface CourseMode {
  plan: FirstAttemptPlan;
  Intro: ComponentType<IntroProps>;
  Policy?: ComponentType<PolicyStepProps>;
}
