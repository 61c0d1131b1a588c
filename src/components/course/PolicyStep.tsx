import type { PolicyStepProps } from "./courseMode.ts";
import { PolicyLink } from "./PolicyLink.tsx";

/** The policy, one section at a time: the learner opens each section before the scenarios. */
export function PolicyStep({ course, opened, send }: PolicyStepProps) {
  const sections = course.policy.sections;
  const remaining = sections.length - opened.length;
  return (
    <section className="course-step" aria-labelledby="policy-step-title">
      <h1 id="policy-step-title" tabIndex={-1} data-autofocus>
        Read the policy
      </h1>
      <p>
        Open each section to read it. Version {course.policy.version}; the full policy is also on the{" "}
        <PolicyLink>policy page</PolicyLink>.
      </p>
      <p className="course-progress" aria-live="polite">
        {remaining === 0
          ? "You have opened every section."
          : `${opened.length} of ${sections.length} sections opened: open the other ${remaining} to continue.`}
      </p>
      {/* Native disclosures: keyboard and screen readers know them; one open at a time keeps a phone's page short. */}
      <div className="course-sections">
        {sections.map((section) => {
          const read = opened.includes(section.number);
          return (
            <details
              key={section.number}
              id={`course-section-${section.anchor}`}
              name="policy-sections"
              className={read ? "is-read" : undefined}
              onToggle={(event) => event.currentTarget.open && send({ type: "section.open", section: section.number })}
            >
              <summary>
                <h2>
                  <span className="course-sections__number">{section.number}</span> {section.title}
                  {read && <span className="course-sections__read"> (opened)</span>}
                </h2>
              </summary>
              <div className="course-sections__panel">
                <div className="why" dangerouslySetInnerHTML={{ __html: section.whyHtml ?? "" }} />
                {section.clauses.map((clause) => (
                  <div key={clause.id} className="clause">
                    <h3>
                      <span className="clause__id">{clause.id}</span> {clause.title}
                    </h3>
                    <div dangerouslySetInnerHTML={{ __html: clause.html ?? "" }} />
                  </div>
                ))}
              </div>
            </details>
          );
        })}
      </div>
      <button type="button" className="button" disabled={remaining > 0} onClick={() => send({ type: "policy.done" })}>
        Continue to the scenarios
      </button>
    </section>
  );
}
