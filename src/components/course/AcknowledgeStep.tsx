import { useState, type FormEvent } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";

interface Props {
  course: CourseDefinition;
  submitting: boolean;
  error: string | undefined;
  send: (event: CourseEvent) => void;
}

/** The learner confirms what they commit to and types their full name as a signature. */
export function AcknowledgeStep({ course, submitting, error, send }: Props) {
  const [typedName, setTypedName] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({ type: "acknowledgement.submit", typedName });
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
      <p>By typing your name you confirm that you:</p>
      <ul>
        <li>have read {course.organisationName}'s Acceptable Use Policy for Claude and understood it;</li>
        <li>will follow it whenever you use Claude for work, including agents acting for you;</li>
        <li>
          will ask {course.questionsContact.name} ({course.questionsContact.email}) when you are unsure, and report
          mistakes promptly.
        </li>
      </ul>
      {error && (
        <p className="form-error" role="alert">
          Your acknowledgement was not recorded: {error} Try again in a moment.
        </p>
      )}
      <p className="field">
        <label htmlFor="typed-name">Your full name</label>
        <input
          id="typed-name"
          autoComplete="name"
          required
          minLength={2}
          value={typedName}
          aria-describedby="typed-name-hint"
          onChange={(e) => setTypedName(e.target.value)}
        />
        <span id="typed-name-hint" className="hint">
          Type it as it appears in the company directory.
        </span>
      </p>
      <button
        type="submit"
        className="button"
        disabled={submitting || typedName.trim().length < 2}
        aria-busy={submitting}
      >
        {submitting ? "Recording…" : "I acknowledge the policy"}
      </button>
    </form>
  );
}
