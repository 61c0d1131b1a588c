import type { PackageTarget } from "../../site/target.ts";
import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  CourseResult,
  Learner,
  ScenarioPlay,
  Tracker,
  TrackerStart,
} from "../tracker.ts";
import type { CmiReports } from "./cmiReports.ts";
import type { LmsProblem, LmsProblemCode } from "./lmsProblem.ts";

/** One CMI assignment: element and value. */
export type CmiValue = readonly [element: string, value: string];

/** What one SCORM version calls things; the shared tracker decides when to say them. */
export interface CmiDialect {
  readonly version: "1.2" | "2004";
  /** Longest suspend_data this version guarantees (1.2: 4,096; 2004: 64,000). */
  readonly suspendLimit: number;
  /** The API's own names for initialise, commit, terminate and set, for the debug view. */
  readonly calls: readonly [string, string, string, string];
  initialize(): boolean;
  terminate(): boolean;
  commit(): boolean;
  get(element: string): string;
  set(element: string, value: string): boolean;
  /** The LMS's last error code, and its text for a code. */
  errorCode(): string;
  errorText(code: string): string;
  learner(): Learner | undefined;
  progressElement: string;
  locationElement: string;
  /** Whether the LMS already holds this attempt as finished (a relaunch after the acknowledgement). */
  finished(): boolean;
  /** Values set on launch of an attempt not finished: status incomplete (once), exit suspend so that leaving midway resumes. */
  launchValues(): CmiValue[];
  measureValues(measure: number): CmiValue[];
  resultValues(result: CourseResult): CmiValue[];
  /** What the version says about plays and the acknowledgement: loaded once the course is on screen. */
  reports(): Promise<CmiReports>;
  /** Exit and session time; `leaving` when the learner leaves on purpose (2004 then asks the LMS to take them back). */
  exitValues(done: boolean, sessionMs: number, leaving: boolean): CmiValue[];
  interactionCount(): number;
}

/** How a session ended: finished at the end, saved to come back, or closed by the page going. */
export type SessionEnd = "finished" | "saved" | "closed";

/**
 * The tracker for LMS targets: reports through the LMS's SCORM API. It initialises once on launch,
 * commits at milestones (a scenario played, the result, the acknowledgement), and ends the session
 * once: on purpose with `leave()` while the page lives (commit, then terminate), or as a fallback
 * when the page goes (`finish()`: terminate only, since LMSs post everything at each call and a
 * page being dismissed may send only one small beacon). When the LMS refuses a call, the course
 * goes on and the learner is told in plain words, with a code.
 */
export class ScormTracker implements Tracker {
  readonly kind: PackageTarget;
  readonly asksIdentity = false;
  /** What the LMS refused, by name with the CMI detail; the page shows the names. */
  readonly problems: LmsProblem[] = [];
  /** How the session ended, once it has. */
  ended?: SessionEnd;
  private readonly dialect: CmiDialect;
  private readonly startedAt: number;
  private readonly now: () => number;
  private listeners: (() => void)[] = [];
  /** What this session set, element by element: to set nothing twice and to size the LMS's posts. */
  private readonly sent = new Map<string, string>();
  private started = false;
  private done = false;
  private reports?: CmiReports;
  /** Settles once the reports have loaded (or failed to): what a test awaits before reporting. */
  ready: Promise<unknown> = Promise.resolve();
  private priorPlays = 0;
  /** Which interaction the acknowledgement is, once tried. */
  private acknowledgementIndex?: number;

  constructor(dialect: CmiDialect, now: () => number = Date.now) {
    this.dialect = dialect;
    this.kind = dialect.version === "1.2" ? "scorm12" : "scorm2004";
    this.now = now;
    this.startedAt = now();
  }

  /** Calls `listener` on each problem and when the session ends; returns a function that stops it. */
  watch(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  async start(): Promise<TrackerStart> {
    const { dialect } = this;
    if (!this.started) {
      this.started = true;
      if (this.refused(dialect.initialize())) this.problem("LMS_NOT_STARTED", dialect.calls[0]);
      // A finished attempt stays finished: no status or exit put back to "incomplete" and "suspend".
      this.done = dialect.finished();
      if (!this.done) this.setAll(dialect.launchValues());
      this.priorPlays = dialect.interactionCount();
      this.ready = dialect.reports().then(
        (reports) => (this.reports = reports),
        () => undefined, // offline: plays go unjournalled, and the acknowledgement says why it cannot be saved
      );
    }
    const location = dialect.get(dialect.locationElement);
    return {
      progress: dialect.get(dialect.progressElement) || undefined,
      learner: dialect.learner(),
      // A finished attempt opens on its receipt, a step that comes with the later steps' chunk anyway.
      receipt: this.done ? await this.ready.then(() => this.reports?.receipt(location)) : undefined,
    };
  }

  saveProgress(progress: string, measure: number): void {
    // The course keeps progress within 4,096 characters; an LMS that allows less would truncate it.
    if (progress.length > this.dialect.suspendLimit)
      this.problem("PROGRESS_TOO_LONG", `${progress.length} characters, over ${this.dialect.suspendLimit}`, false);
    else this.setAll([[this.dialect.progressElement, progress], ...this.dialect.measureValues(measure)]);
  }

  reportScenario(play: ScenarioPlay): void {
    // The reports load while the learner plays the first scenario; in the rare case they have not
    // arrived, the play is journalled as soon as they do.
    const journal = (reports: CmiReports) => {
      if (this.ended) return;
      this.setAll(reports.playValues(this.dialect.interactionCount(), play, this.sent, this.priorPlays));
      this.commit();
    };
    if (this.reports) journal(this.reports);
    else void this.ready.then(() => this.reports && journal(this.reports));
  }

  reportResult(result: CourseResult): void {
    this.setAll(this.dialect.resultValues(result));
    this.commit();
  }

  async recordAcknowledgement(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    await this.ready;
    const { reports } = this;
    if (!reports)
      throw new Error("Part of the course did not load. Check your connection, then reopen it from your LMS.");
    const refused = this.problems.length;
    // A retry after a refusal writes the same interaction again rather than another.
    const index = (this.acknowledgementIndex ??= this.dialect.interactionCount());
    const { values, receipt } = reports.acknowledgement(index, request, new Date(this.now()));
    this.setAll(values);
    this.commit();
    const problem = this.problems[refused];
    if (problem) throw new Error(reports.refusal(problem.code));
    this.done = true; // leaving now exits as finished, not suspended
    return receipt;
  }

  /** Saves what the LMS has so far, at milestones. */
  commit(): void {
    if (this.started && !this.ended && this.refused(this.dialect.commit()))
      this.problem("LMS_COMMIT_FAILED", this.dialect.calls[1]);
  }

  /**
   * Leaves on purpose, while the page lives: "Finish" once acknowledged, "Save and exit" before.
   * Everything is committed, then the session is terminated, and the learner told they can close the window.
   */
  leave(): void {
    if (!this.started || this.ended) return;
    this.setAll(this.dialect.exitValues(this.done, this.now() - this.startedAt, true));
    this.commit();
    this.end(this.done ? "finished" : "saved");
  }

  /**
   * The fallback when the page goes without the learner leaving (beforeunload, pagehide): exit and
   * session time, then Terminate alone, which saves as it closes. One post, and a small one, is
   * what a page being dismissed may still send. Safe to call more than once.
   */
  finish(): void {
    if (!this.started || this.ended) return;
    this.setAll(this.dialect.exitValues(this.done, this.now() - this.startedAt, false));
    this.end("closed");
  }

  private end(how: SessionEnd): void {
    const terminated = !this.refused(this.dialect.terminate());
    this.ended = how;
    if (!terminated) this.problem("LMS_FINISH_FAILED", this.dialect.calls[2]);
    else this.changed();
  }

  private setAll(values: readonly CmiValue[]): void {
    if (this.ended) return; // the LMS refuses every call after Terminate
    for (const [element, value] of values) {
      if (this.sent.get(element) === value) continue;
      if (this.refused(this.dialect.set(element, value)))
        this.problem("LMS_VALUE_REFUSED", `${this.dialect.calls[3]}("${element}", "${value}")`);
      else this.sent.set(element, value);
    }
  }

  /** A call is refused when it answers false and the LMS gives a reason: false with error 0 is success. */
  private refused(answered: boolean): boolean {
    return !answered && this.dialect.errorCode() !== "0";
  }

  /** Records a problem; `call` names what the LMS refused, whose error code and text follow unless `fromLms` is false. */
  private problem(code: LmsProblemCode, call: string, fromLms = true): void {
    const error = this.dialect.errorCode();
    const detail = fromLms ? `${call} → false, LMS error ${error} (${this.dialect.errorText(error)})` : call;
    this.problems.push({ code, detail });
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
