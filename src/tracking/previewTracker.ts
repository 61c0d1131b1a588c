import { BrowserTracker } from "./browserTracker.ts";
import type { AcknowledgementReceipt, AcknowledgementRequest } from "./tracker.ts";

/**
 * Keeps everything in this browser: for previewing the course without a records server or an LMS.
 * It says so to the learner through `storedIn`.
 */
export class PreviewTracker extends BrowserTracker {
  readonly kind = "preview";
  readonly asksIdentity = false;

  protected store(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    return Promise.resolve({
      name: request.typedName,
      policyVersion: request.policy.version,
      policyHash: request.policy.hash,
      acknowledgedAt: new Date().toISOString(),
      score: request.result.score,
      storedIn: "this browser only (preview: no record reaches HR)",
    });
  }
}
