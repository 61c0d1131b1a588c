import { useEffect } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { AcknowledgementReceipt } from "../../tracking/tracker.ts";
import { Receipt } from "../Receipt.tsx";
import { PolicyLink } from "./PolicyLink.tsx";
import { forgetFields } from "./savedFields.ts";
import { refresherDue } from "../../course/refresherDue.ts";

interface Props {
  course: CourseDefinition;
  receipt: AcknowledgementReceipt | undefined;
  /** In an LMS: ends the session on purpose, so that the learner need not rely on closing the window. */
  onFinish?: () => void;
}

export function DoneStep({ course, receipt, onFinish }: Props) {
  // Recorded: the details typed on the form need not wait in the tab any longer.
  useEffect(() => forgetFields(course.key), [course.key]);
  const due = course.mode === "refresher" ? refresherDue(new Date(receipt?.acknowledgedAt ?? Date.now())) : undefined;
  return (
    <section className="course-step" aria-labelledby="done-title">
      <h1 id="done-title" tabIndex={-1} data-autofocus>
        {due
          ? `Refresher for ${due.quarter} done`
          : `Thank you: you have acknowledged version ${course.policy.version}`}
      </h1>
      {due && <p>Your next refresher is due from {due.next}. Thank you for keeping the policy in mind.</p>}
      {receipt ? <Receipt receipt={receipt} /> : <p>Your acknowledgement is recorded.</p>}
      {receipt?.receiptUrl && (
        <p>
          <a className="button" href={receipt.receiptUrl}>
            Open your printable receipt
          </a>
        </p>
      )}
      <p>
        Keep the <PolicyLink>policy</PolicyLink> to hand. Questions: {course.questionsContact.name},{" "}
        <a href={`mailto:${course.questionsContact.email}`}>{course.questionsContact.email}</a>.
      </p>
      {onFinish && (
        <>
          <p>Finish to close the course: your LMS keeps your result and acknowledgement.</p>
          <button type="button" className="button" onClick={onFinish}>
            Finish
          </button>
        </>
      )}
    </section>
  );
}
