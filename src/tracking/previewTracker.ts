import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  AnswerReport,
  CourseResult,
  Tracker,
  TrackerStart,
} from "./tracker.ts";

/**
 * A tracker that keeps everything in this browser (localStorage): for previewing the course
 * without a records server or an LMS. It says so to the learner through `storedIn`.
 */
export class PreviewTracker implements Tracker {
  readonly kind = "preview";
  readonly answers: AnswerReport[] = [];
  readonly results: CourseResult[] = [];
  finished = false;

  private readonly storage: Pick<Storage, "getItem" | "setItem">;
  private readonly courseKey: string;

  constructor(storage: Pick<Storage, "getItem" | "setItem">, courseKey: string) {
    this.storage = storage;
    this.courseKey = courseKey;
  }

  start(): Promise<TrackerStart> {
    const progress = this.read("progress") ?? undefined;
    const receipt = this.read("receipt");
    return Promise.resolve({
      progress,
      receipt: receipt ? (JSON.parse(receipt) as AcknowledgementReceipt) : undefined,
    });
  }

  saveProgress(progress: string): void {
    this.write("progress", progress);
  }

  reportAnswer(answer: AnswerReport): void {
    this.answers.push(answer);
  }

  reportResult(result: CourseResult): void {
    this.results.push(result);
  }

  recordAcknowledgement(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    const receipt: AcknowledgementReceipt = {
      name: request.typedName,
      policyVersion: request.policyVersion,
      policyHash: request.policyHash,
      acknowledgedAt: new Date().toISOString(),
      score: request.result.score,
      storedIn: "this browser only (preview: no record reaches HR)",
    };
    this.write("receipt", JSON.stringify(receipt));
    return Promise.resolve(receipt);
  }

  finish(): void {
    this.finished = true;
  }

  private key(name: string): string {
    return `aup-course:${this.courseKey}:${name}`;
  }

  private read(name: string): string | null {
    try {
      return this.storage.getItem(this.key(name));
    } catch {
      return null; // storage blocked (private mode, policy): the course still runs, without resume
    }
  }

  private write(name: string, value: string): void {
    try {
      this.storage.setItem(this.key(name), value);
    } catch {
      // Storage full or blocked: progress is not kept, which the learner only notices on reload.
    }
  }
}
