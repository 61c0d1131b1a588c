import type { ProductAudience } from "../course/courseDefinition.ts";
import type { RefusedField } from "./recordsRefusal.ts";
import type { ScenarioResult } from "../course/scenarioResult.ts";
import type { AcknowledgementRequest } from "../schemas/acknowledgementBody.ts";
import type { BuildTarget } from "../site/target.ts";

/**
 * Where the course reports to. The course machines talk only to this interface; each target has
 * its own implementation (this browser in preview, the records server on the site, the LMS in
 * SCORM packages), so that pages and machines never call an LMS or `fetch` themselves.
 */
export interface Tracker {
  /** Which implementation this is; the UI says where records go. */
  readonly kind: "preview" | BuildTarget;
  /** Opens the session; returns saved progress and what the target knows about the learner. */
  start(): Promise<TrackerStart>;
  /**
   * Saves the compact progress string (at most 4,096 characters, the SCORM 1.2 limit) and how far
   * the learner is through the course, from 0 to 1 (SCORM 2004's progress_measure), which reaches 1
   * only with the acknowledgement.
   */
  saveProgress(progress: string, measure: number): void;
  /** One scenario played to its end: every choice in order, reported once when the scenario ends. */
  reportScenario(play: ScenarioPlay): void;
  reportResult(result: CourseResult): void;
  /** Whether the learner must say who they are at the acknowledgement (no single sign-on, no LMS). */
  readonly asksIdentity: boolean;
  /**
   * The fields the records server named when it last refused the acknowledgement (the site's
   * tracker), so that the form shows each on its field; kept here rather than in the course's
   * machine, which every package loads before the learner's first interaction.
   */
  readonly refusedFields?: readonly RefusedField[];
  /** Resolves once the acknowledgement is stored; rejects with a message for the learner otherwise. */
  recordAcknowledgement(request: AcknowledgementRequest): Promise<AcknowledgementReceipt>;
  /** Closes the session; safe to call more than once. */
  finish(): void;
}

export interface Learner {
  id: string;
  name: string;
}

export interface TrackerStart {
  progress?: string;
  learner?: Learner;
  /** The receipt of an acknowledgement already made in this course, if any. */
  receipt?: AcknowledgementReceipt;
  /** The learner's latest receipt for any version: when its policy differs, they are told why they are here again. */
  latestReceipt?: AcknowledgementReceipt;
  /** Clauses the learner missed in earlier quarters, where the target keeps that history (the site with single sign-on). */
  missedClauses?: string[];
  /** With the site's provider sign-in: who is signed in, shown with a way to sign out. */
  signedIn?: { name: string; email: string };
  /** The products the learner's onboarding record shows they use, where the target keeps records (the site with single sign-on). */
  products?: ProductAudience[];
}

/** A scenario played to its end, with the course's words for it. */
export interface ScenarioPlay extends ScenarioResult {
  title: string;
  /** Which attempt at the course: 1, then 2 and on for the retries. */
  attempt: number;
}

/**
 * What the learner acknowledges: the body of `POST /api/acknowledgements`, whose schema is the one
 * definition (a type-only import, so no validator reaches the page). Every tracker takes the same
 * request; the site's sends it as it is.
 */
export type { AcknowledgementRequest };

/** One scenario's result as acknowledged (id, score, each choice's outcome and clause, in order made). */
type AcknowledgedScenario = AcknowledgementRequest["result"]["scenarios"][number];

export interface ScenarioScore extends AcknowledgedScenario {
  /** Clauses of the choices that were not fully correct. */
  missedClauses: string[];
}

/** The course's result: what is acknowledged (mode, score from 0 to 1, passed, attempt), and more for the learner and the LMS. */
export interface CourseResult extends Omit<AcknowledgementRequest["result"], "scenarios"> {
  passMark: number;
  scenarios: ScenarioScore[];
  /** Share of the course done, from 0 to 1 (SCORM 2004 progress_measure). */
  progress: number;
}

export interface AcknowledgementReceipt {
  name: string;
  /** Where the target keeps them: the learner's email and employee id, and the name typed as a signature. */
  email?: string;
  employeeId?: string;
  signature?: string;
  policyVersion: string;
  policyHash: string;
  /** ISO 8601 time the acknowledgement was stored. */
  acknowledgedAt: string;
  score: number;
  /** Which course and attempt, where the target records it: "onboarding, attempt 1". */
  course?: string;
  /** The record's place in the evidence: its id and chain hash where the target keeps one. */
  recordId?: string;
  recordHash?: string;
  /** Where the record is kept, in words for the learner. */
  storedIn: string;
  /** A printable receipt only this learner can open, where the target offers one. */
  receiptUrl?: string;
}
