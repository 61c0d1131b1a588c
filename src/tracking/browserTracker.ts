import type {
  AcknowledgementReceipt,
  AcknowledgementRequest,
  CourseResult,
  ScenarioPlay,
  Tracker,
  TrackerStart,
} from "./tracker.ts";

/** Kept across policy versions, to tell a returning learner why they are asked again. */
const LATEST_RECEIPT = "aup-course:latest-receipt";

/** Where a browser tracker keeps progress: localStorage in a page, a Map in tests. */
export type ProgressStorage = Pick<Storage, "getItem" | "setItem">;

/**
 * Progress, answers and the last receipt kept in the learner's browser; the subclass decides
 * where the acknowledgement itself goes.
 */
export abstract class BrowserTracker implements Tracker {
  abstract readonly kind: Tracker["kind"];
  abstract readonly asksIdentity: boolean;
  readonly plays: ScenarioPlay[] = [];
  readonly results: CourseResult[] = [];
  finished = false;
  private readonly storage: ProgressStorage;
  private readonly courseKey: string;

  constructor(storage: ProgressStorage, courseKey: string) {
    this.storage = storage;
    this.courseKey = courseKey;
  }

  start(): Promise<TrackerStart> {
    return Promise.resolve({
      progress: this.read(this.key("progress")),
      receipt: this.readReceipt(this.key("receipt")),
      latestReceipt: this.readReceipt(LATEST_RECEIPT),
    });
  }

  saveProgress(progress: string): void {
    this.write(this.key("progress"), progress);
  }

  reportScenario(play: ScenarioPlay): void {
    this.plays.push(play);
  }

  reportResult(result: CourseResult): void {
    this.results.push(result);
  }

  async recordAcknowledgement(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    const receipt = await this.store(request);
    this.write(this.key("receipt"), JSON.stringify(receipt));
    this.write(LATEST_RECEIPT, JSON.stringify(receipt));
    return receipt;
  }

  finish(): void {
    this.finished = true;
  }

  /** Stores the acknowledgement where this target keeps evidence. */
  protected abstract store(request: AcknowledgementRequest): Promise<AcknowledgementReceipt>;

  private key(name: string): string {
    return `aup-course:${this.courseKey}:${name}`;
  }

  private read(key: string): string | undefined {
    try {
      return this.storage.getItem(key) ?? undefined;
    } catch {
      return undefined; // storage blocked (private mode, policy): the course still runs, without resume
    }
  }

  private readReceipt(key: string): AcknowledgementReceipt | undefined {
    try {
      const text = this.read(key);
      return text ? (JSON.parse(text) as AcknowledgementReceipt) : undefined;
    } catch {
      return undefined; // an unreadable old entry: no receipt to show
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage.setItem(key, value);
    } catch {
      // Storage full or blocked: progress is not kept, which the learner only notices on reload.
    }
  }
}
