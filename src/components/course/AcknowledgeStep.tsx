import { useState, type SubmitEvent } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { isEmail } from "../../lib/fieldRules.ts";
import { sameName } from "../../lib/sameName.ts";
import { TARGET } from "../../site/target.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { Learner } from "../../tracking/tracker.ts";
import { IdentityFields, type Identity } from "./IdentityFields.tsx";

interface Props {
  course: CourseDefinition;
  /** Whether the learner says who they are here (form identity) or the target already knows. */
  asksIdentity: boolean;
  /** Who the target knows the learner to be (single sign-on), when it does. */
  learner?: Learner;
  submitting: boolean;
  error: string | undefined;
  send: (event: CourseEvent) => void;
}

/** The learner confirms what they commit to and types their full name as a signature. */
export function AcknowledgeStep({ course, learner, submitting, error, send, ...props }: Props) {
  // Only the site's records server asks who the learner is (an LMS knows them, a preview has no record):
  // TARGET is a build constant, so a package's JavaScript leaves the identity form out entirely.
  const asksIdentity = TARGET === "site" && props.asksIdentity;
  const [typedName, setTypedName] = useState("");
  const [identity, setIdentity] = useState<Identity>({ name: "", email: "", employeeId: "" });
  const mismatch =
    asksIdentity && typedName.trim().length > 1 && identity.name.trim() !== "" && !sameName(typedName, identity.name);
  const complete =
    typedName.trim().length > 1 &&
    (!asksIdentity || (identity.name.trim() && isEmail(identity.email.trim()) && identity.employeeId.trim()));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!complete || mismatch) return;
    send({ type: "acknowledgement.submit", typedName, learner: asksIdentity ? identity : undefined });
  };
  return (
    <form className="course-step" onSubmit={submit} aria-labelledby="ack-title" noValidate>
      <h1 id="ack-title" tabIndex={-1} data-autofocus>
        Acknowledge the policy
      </h1>
      <p>
        Policy version <strong>{course.policy.version}</strong>, fingerprint{" "}
        <code className="hash">{course.policy.hash.slice(0, 16)}…</code>
      </p>
      <p>By signing you confirm that you:</p>
      <ul>
        <li>have read {course.organisationName}'s Acceptable Use Policy for Claude and understood it;</li>
        <li>will follow it whenever you use Claude for work, including agents acting for you;</li>
        <li>
          will ask {course.questionsContact.inText} ({course.questionsContact.email}) when you are unsure, and report
          mistakes promptly.
        </li>
      </ul>
      {asksIdentity && <IdentityFields identity={identity} onChange={setIdentity} />}
      {!asksIdentity && learner && (
        <p>
          Signing as <strong>{learner.name}</strong> ({learner.id}), as your organisation's sign-in knows you.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          Your acknowledgement was not recorded: {error} Try again in a moment.
        </p>
      )}
      <p className="field">
        <label htmlFor="typed-name">Type your full name to sign</label>
        <input
          id="typed-name"
          autoComplete="name"
          required
          value={typedName}
          aria-invalid={mismatch || undefined}
          aria-describedby="typed-name-hint"
          onChange={(e) => setTypedName(e.target.value)}
        />
        <span id="typed-name-hint" className="hint">
          {mismatch ? "This must match the full name above." : "Type it as it appears in the company directory."}
        </span>
      </p>
      <button type="submit" className="button" disabled={submitting || !complete || mismatch} aria-busy={submitting}>
        {submitting ? "Recording…" : "I acknowledge the policy"}
      </button>
    </form>
  );
}
