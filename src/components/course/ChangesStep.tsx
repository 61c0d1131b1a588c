import type { PolicyStepProps } from "./courseMode.ts";
import { PolicyLink } from "./PolicyLink.tsx";

const KIND = { added: "Added", removed: "Removed", reworded: "Reworded", moved: "Moved" } as const;

/**
 * The update course's first step, the changes view: each changed clause with its redline, rendered
 * at build time as the What-changed pages render it (ins and del, with hidden "added:" and
 * "removed:" for screen readers), then on to the scenarios that test the change.
 */
export function ChangesStep({ course, send }: PolicyStepProps) {
  const changes = course.update?.changes ?? [];
  const next = course.scenarios.length ? "Continue to the scenarios" : "Continue to the acknowledgement";
  return (
    <section className="course-step" aria-labelledby="changes-step-title">
      <h1 id="changes-step-title" tabIndex={-1} data-autofocus>
        What changed since version {course.update?.from}
      </h1>
      <p>
        Version {course.policy.version} changes {changes.length === 1 ? "one clause" : `${changes.length} clauses`}. The
        whole policy is on the <PolicyLink>policy page</PolicyLink>.
      </p>
      <ol className="changes">
        {changes.map((change) => (
          <li key={`${change.kind} ${change.id}`} className={`change change--${change.kind}`}>
            <h2>
              <span className="change__kind">{KIND[change.kind]}:</span> {change.id} {change.title}
            </h2>
            <div dangerouslySetInnerHTML={{ __html: change.html }} />
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={() => send({ type: "policy.done" })}>
        {next}
      </button>
    </section>
  );
}
