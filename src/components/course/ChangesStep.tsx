import type { PolicyStepProps } from "./courseMode.ts";

const KIND = { added: "Added", removed: "Removed", reworded: "Reworded", moved: "Moved" } as const;

/**
 * The count of changed clauses in the form Intl.PluralRules gives it, as countOf() in src/lib/plural.ts
 * would: importing that module here would make it a chunk shared with the later steps, which every
 * course page loads first, and the refresher's first load has no room for it.
 */
const clauses = (count: number) =>
  `${count.toLocaleString("en-GB")} ${new Intl.PluralRules("en-GB").select(count) === "one" ? "clause" : "clauses"}`;

/**
 * The update course's first step, the changes view: each changed clause with its redline, rendered
 * at build time as the What-changed pages render it (ins and del, with hidden "added:" and
 * "removed:" for screen readers), then on to the scenarios that test the change. It links nowhere else: the onboarding page's
 * links (PolicyLink) would then be shared by two pages and weigh on the refresher's first load.
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
        Version {course.policy.version} changes {clauses(changes.length)}: struck-out words are removed, underlined
        words added.
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
      <button type="button" className="button" onClick={() => readAll(course, send)}>
        {next}
      </button>
    </section>
  );
}

/**
 * The changes view is read as a whole: Continue opens every section for the course machine and moves
 * on; with nothing to quiz on, the empty plan is finished at once, on to the result and the acknowledgement.
 */
function readAll({ policy, scenarios }: PolicyStepProps["course"], send: PolicyStepProps["send"]) {
  for (const section of policy.sections) send({ type: "section.open", section: section.number });
  send({ type: "policy.done" });
  if (!scenarios.length) send({ type: "scenario.finish" });
}
