import type { PackageTarget } from "../../site/target.ts";
import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  AnswerReport,
  CourseResult,
  Learner,
  Tracker,
  TrackerStart,
} from "../tracker.ts";

/** One CMI assignment: element and value. */
export type CmiValue = readonly [element: string, value: string];

/** What one SCORM version calls things; the shared tracker decides when to say them. */
export interface CmiDialect {
  readonly version: "1.2" | "2004";
  /** Longest suspend_data this version guarantees (1.2: 4,096; 2004: 64,000). */
  readonly suspendLimit: number;
  initialize(): boolean;
  terminate(): boolean;
  commit(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  /** The LMS's last error, as code and text. */
  lastError(): string;
  learner(): Learner | undefined;
  progressElement: string;
  /** Values set on launch: status incomplete (once), exit suspend so that leaving midway resumes. */
  launchValues(status: string): CmiValue[];
  statusElement: string;
  answerValues(index: number, answer: AnswerReport): CmiValue[];
  resultValues(result: CourseResult): CmiValue[];
  acknowledgementValues(index: number, request: AcknowledgementRequest, at: Date): CmiValue[];
  finishValues(done: boolean, sessionMs: number): CmiValue[];
  interactionCount(): number;
}

/**
 * The tracker for LMS targets: reports through the LMS's SCORM API. It initialises once on launch,
 * commits at milestones (result, acknowledgement, finish), and finishes exactly once. When the LMS
 * refuses a call, the course goes on and the learner is told that progress may not be saved.
 */
export class ScormTracker implements Tracker {
  readonly kind: PackageTarget;
  readonly asksIdentity = false;
  /** What the LMS refused, in words for the learner; the page shows it. */
  readonly problems: string[] = [];
  private readonly dialect: CmiDialect;
  private readonly startedAt: number;
  private readonly now: () => number;
  private listeners: ((problem: string) => void)[] = [];
  private started = false;
  private finished = false;
  private done = false;

  constructor(dialect: CmiDialect, now: () => number = Date.now) {
    this.dialect = dialect;
    this.kind = dialect.version === "1.2" ? "scorm12" : "scorm2004";
    this.now = now;
    this.startedAt = now();
  }

  /** Calls `listener` with each refusal from the LMS; returns a function that stops it. */
  onProblem(listener: (problem: string) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  start(): Promise<TrackerStart> {
    if (!this.started) {
      this.started = true;
      if (!this.dialect.initialize()) this.problem("The LMS did not start the session");
      this.setAll(this.dialect.launchValues(this.dialect.get(this.dialect.statusElement)));
    }
    const progress = this.dialect.get(this.dialect.progressElement) || undefined;
    return Promise.resolve({ progress, learner: this.dialect.learner() });
  }

  saveProgress(progress: string): void {
    // The course keeps progress within 4,096 characters; an LMS that allows less would truncate it.
    if (progress.length > this.dialect.suspendLimit)
      this.problem(`Progress is longer than this LMS keeps (${this.dialect.suspendLimit} characters)`);
    else this.setAll([[this.dialect.progressElement, progress]]);
  }

  reportAnswer(answer: AnswerReport): void {
    this.setAll(this.dialect.answerValues(this.dialect.interactionCount(), answer));
  }

  reportResult(result: CourseResult): void {
    this.setAll(this.dialect.resultValues(result));
    this.commit();
  }

  recordAcknowledgement(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    const at = new Date(this.now());
    const refused = this.problems.length;
    this.setAll(this.dialect.acknowledgementValues(this.dialect.interactionCount(), request, at));
    this.done = true; // finish() now exits as completed, not suspended
    this.commit();
    if (this.problems.length > refused)
      return Promise.reject(
        new Error(
          `The LMS did not save your acknowledgement (${this.problems.at(-1)}). Try again, or tell your LMS administrator.`,
        ),
      );
    return Promise.resolve({
      name: request.typedName,
      policyVersion: request.policy.version,
      policyHash: request.policy.hash,
      acknowledgedAt: at.toISOString(),
      score: request.result.score,
      storedIn: `your organisation's LMS (SCORM ${this.dialect.version})`,
    });
  }

  /** Saves what the LMS has so far; for `visibilitychange` to hidden and milestones. */
  commit(): void {
    if (this.started && !this.finished && !this.dialect.commit()) this.problem("The LMS did not save your progress");
  }

  finish(): void {
    if (!this.started || this.finished) return;
    this.setAll(this.dialect.finishValues(this.done, this.now() - this.startedAt));
    this.commit();
    this.finished = true;
    if (!this.dialect.terminate()) this.problem("The LMS did not close the session");
  }

  private setAll(values: readonly CmiValue[]): void {
    for (const [element, value] of values)
      if (!this.dialect.set(element, value)) this.problem(`The LMS refused ${element} (${this.dialect.lastError()})`);
  }

  private problem(message: string): void {
    this.problems.push(message);
    for (const listener of this.listeners) listener(message);
  }
}
