import type { AcknowledgementRecord } from "../records/record.ts";
import { BrowserTracker } from "./browserTracker.ts";
import type { AcknowledgementReceipt, AcknowledgementRequest } from "./tracker.ts";

/**
 * The site's tracker: progress in this browser, the acknowledgement in the organisation's records
 * (`POST /api/acknowledgements`). A retry after a failure or a timeout sends the same attempt id,
 * so the server records it once.
 */
export class SiteTracker extends BrowserTracker {
  readonly kind = "site";
  readonly asksIdentity = true;

  protected async store(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    const { learner, attemptId, typedName, policyVersion, policyHash, result } = request;
    let response: Response;
    try {
      response = await fetch(new URL("/api/acknowledgements", location.href), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          attemptId,
          learner,
          typedName,
          policy: { version: policyVersion, hash: policyHash },
          result: {
            mode: result.mode,
            score: result.score,
            passed: result.passed,
            attempt: result.attempt,
            scenarios: result.scenarios.map(({ scenarioId, score, outcomes }) => ({ id: scenarioId, score, outcomes })),
          },
        }),
      });
    } catch {
      throw new Error("The records server could not be reached. Check your connection.");
    }
    const body = (await response.json().catch(() => ({}))) as {
      record?: AcknowledgementRecord;
      receiptUrl?: string;
      error?: string;
    };
    if (!response.ok || !body.record) throw new Error(body.error ?? `The records server answered ${response.status}.`);
    const { record } = body;
    return {
      name: record.learner.name,
      policyVersion: record.policy.version,
      policyHash: record.policy.hash,
      acknowledgedAt: record.recordedAt,
      score: record.result.score,
      recordId: record.id,
      recordHash: record.hash,
      storedIn: "the organisation's acknowledgement records (identity typed by you)",
      receiptUrl: body.receiptUrl,
    };
  }
}
