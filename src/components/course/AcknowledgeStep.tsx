import { useEffect, useState, type SubmitEvent } from "react";
import {
  acknowledgementProblems,
  formFieldOf,
  type AcknowledgementField,
  type AcknowledgementFields,
  type FieldProblems,
} from "../../lib/acknowledgementFields.ts";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { TARGET } from "../../site/target.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { RefusedField } from "../../tracking/recordsRefusal.ts";
import type { Learner } from "../../tracking/tracker.ts";
import { acknowledgeWording } from "./acknowledgeWording.ts";
import { ErrorSummary } from "./ErrorSummary.tsx";
import { FormField } from "./FormField.tsx";
import { IdentityFields } from "./IdentityFields.tsx";
import { loadFields, saveFields } from "./savedFields.ts";

interface Props {
  course: CourseDefinition;
  /** Whether the learner says who they are here (form identity) or the target already knows. */
  asksIdentity: boolean;
  /** Who the target knows the learner to be (single sign-on), when it does. */
  learner?: Learner;
  submitting: boolean;
  error: string | undefined;
  /** The fields the records server named when it refused the last try. */
  refusedFields?: readonly RefusedField[];
  send: (event: CourseEvent) => void;
}

const INPUT_IDS: Record<AcknowledgementField, string> = {
  name: "identity-name",
  email: "identity-email",
  employeeId: "identity-employeeId",
  typedName: "typed-name",
};

/** A field the server refused although the page's own rule took it: what the learner can do about it. */
function serverProblem(field: AcknowledgementField, learner: Learner | undefined): string {
  if (field === "typedName")
    return `Type your name as your organisation's sign-in knows it${learner ? `: ${learner.name}` : ""}.`;
  const what = { name: "this name", email: "this address", employeeId: "this employee ID" }[field];
  return `The records server did not accept ${what}: check it, then press the button again.`;
}

/** The learner confirms what they commit to (in the words of the course's mode) and signs by typing their full name, once. */
export function AcknowledgeStep({ course, learner, submitting, error, refusedFields = [], send, ...props }: Props) {
  // Only the site's records server asks who the learner is (an LMS knows them, a preview has no record):
  // TARGET is a build constant, so a package's JavaScript leaves the identity form out entirely.
  const asksIdentity = TARGET === "site" && props.asksIdentity;
  const wording = acknowledgeWording(course);
  const [fields, setFields] = useState(() => loadFields(course.key));
  const [tries, setTries] = useState(0);
  // What the last try sent: a field the server refused keeps its message until the learner changes it.
  const [sent, setSent] = useState<AcknowledgementFields>();
  const own = acknowledgementProblems(fields, asksIdentity);
  const fromServer: FieldProblems = {};
  let unplaced = false;
  for (const refused of refusedFields) {
    const field = formFieldOf(refused.field, asksIdentity);
    if (!field) unplaced = true;
    else if (sent && fields[field] === sent[field]) fromServer[field] ??= serverProblem(field, learner);
  }
  const problems: FieldProblems = tries > 0 ? { ...fromServer, ...own } : fromServer;
  const listed = (Object.keys(INPUT_IDS) as AcknowledgementField[]).flatMap((field) => {
    const problem = problems[field];
    return problem ? [{ inputId: INPUT_IDS[field], problem }] : [];
  });
  // The server's words only when no field carries them: "learner.email is not …" is for developers.
  const message = error && (unplaced || !refusedFields.length) ? error : undefined;

  useEffect(() => {
    if (!submitting) document.getElementById("acknowledgement-errors")?.focus();
  }, [tries, error, submitting]);

  const change = (next: AcknowledgementFields) => {
    setFields(next);
    saveFields(course.key, next);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTries((n) => n + 1);
    if (submitting || Object.keys(own).length) return;
    setSent(fields);
    const name = fields.name.trim();
    send({
      type: "acknowledgement.submit",
      typedName: asksIdentity ? name : fields.typedName.trim(),
      learner: asksIdentity ? { name, email: fields.email.trim(), employeeId: fields.employeeId.trim() } : undefined,
    });
  };
  return (
    <form className="course-step" onSubmit={submit} aria-labelledby="ack-title" noValidate>
      <h1 id="ack-title" tabIndex={-1} data-autofocus>
        {wording.title}
      </h1>
      <p>
        Policy version <strong>{course.policy.version}</strong>, fingerprint{" "}
        <code className="hash">{course.policy.hash.slice(0, 16)}…</code>
      </p>
      {(listed.length > 0 || message) && <ErrorSummary message={message} problems={listed} />}
      <p>By signing you confirm that you:</p>
      <ul>
        <li>{wording.confirms}</li>
        <li>will follow it whenever you use Claude for work, including agents acting for you;</li>
        <li>
          will ask {course.questionsContact.inText} ({course.questionsContact.email}) when you are unsure, and report
          mistakes promptly.
        </li>
      </ul>
      {asksIdentity ? (
        <IdentityFields fields={fields} problems={problems} onChange={change} />
      ) : (
        <>
          {learner && (
            <p>
              Signing as <strong>{learner.name}</strong> ({learner.id}), as your organisation's sign-in knows you.
            </p>
          )}
          <FormField
            id="typed-name"
            label="Type your full name to sign"
            hint="Type it as it appears in the company directory."
            autoComplete="name"
            value={fields.typedName}
            onChange={(typedName) => change({ ...fields, typedName })}
            problem={problems.typedName}
          />
        </>
      )}
      <button type="submit" className="button" aria-busy={submitting}>
        {submitting ? "Recording…" : wording.button}
      </button>
    </form>
  );
}
