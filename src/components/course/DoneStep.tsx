import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { toPercent } from "../../machines/scoring.ts";
import type { AcknowledgementReceipt } from "../../tracking/tracker.ts";
import { pageHref } from "../../site/target.ts";

interface Props {
  course: CourseDefinition;
  receipt: AcknowledgementReceipt | undefined;
}

export function DoneStep({ course, receipt }: Props) {
  return (
    <section className="course-step" aria-labelledby="done-title">
      <h1 id="done-title" tabIndex={-1} data-autofocus>
        Thank you: you have acknowledged version {course.policy.version}
      </h1>
      {receipt ? (
        <dl className="receipt">
          <div>
            <dt>Name</dt>
            <dd>{receipt.name}</dd>
          </div>
          <div>
            <dt>Policy version</dt>
            <dd>{receipt.policyVersion}</dd>
          </div>
          <div>
            <dt>Policy fingerprint</dt>
            <dd>
              <code className="hash">{receipt.policyHash}</code>
            </dd>
          </div>
          <div>
            <dt>Acknowledged</dt>
            <dd>
              <time dateTime={receipt.acknowledgedAt}>
                {new Date(receipt.acknowledgedAt).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" })}
              </time>
            </dd>
          </div>
          <div>
            <dt>Score</dt>
            <dd>{toPercent(receipt.score)}%</dd>
          </div>
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
      ) : (
        <p>Your acknowledgement is recorded.</p>
      )}
      {receipt?.receiptUrl && (
        <p>
          <a className="button" href={receipt.receiptUrl}>
            Open your printable receipt
          </a>
        </p>
      )}
      <p>
        Keep the <a href={pageHref("policy")}>policy</a> to hand. Questions: {course.questionsContact.name},{" "}
        <a href={`mailto:${course.questionsContact.email}`}>{course.questionsContact.email}</a>.
      </p>
    </section>
  );
}
