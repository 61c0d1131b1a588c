import { toPercent } from "../course/scoring.ts";
import type { AcknowledgementReceipt } from "../tracking/tracker.ts";

/**
 * The receipt of one acknowledgement, as the course shows it when the learner is done and as the
 * printable receipt page shows it (rendered on the server, without JavaScript there).
 */
export function Receipt({ receipt }: { receipt: AcknowledgementReceipt }) {
  return (
    <dl className="receipt">
      <div>
        <dt>Name</dt>
        <dd>{receipt.name}</dd>
      </div>
      {receipt.email && (
        <div>
          <dt>Email</dt>
          <dd>{receipt.email}</dd>
        </div>
      )}
      {receipt.employeeId && (
        <div>
          <dt>Employee id</dt>
          <dd>{receipt.employeeId}</dd>
        </div>
      )}
      <div>
        <dt>Policy version</dt>
        <dd>{receipt.policyVersion}</dd>
      </div>
      <div>
        <dt>Policy fingerprint (SHA-256)</dt>
        <dd>
          <code className="hash">{receipt.policyHash}</code>
        </dd>
      </div>
      <div>
        <dt>Acknowledged</dt>
        <dd>
          <time dateTime={receipt.acknowledgedAt}>
            {new Date(receipt.acknowledgedAt).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "long" })}
          </time>
        </dd>
      </div>
      <div>
        <dt>Score</dt>
        <dd>
          {toPercent(receipt.score)}%{receipt.course && ` (${receipt.course})`}
        </dd>
      </div>
      {receipt.signature && (
        <div>
          <dt>Signed as</dt>
          <dd>{receipt.signature}</dd>
        </div>
      )}
      {receipt.recordId && (
        <div>
          <dt>Record</dt>
          <dd>
            {receipt.recordId}, hash <code className="hash">{receipt.recordHash}</code>
          </dd>
        </div>
      )}
      <div>
        <dt>Recorded in</dt>
        <dd>{receipt.storedIn}</dd>
      </div>
    </dl>
  );
}
