import type { PolicyStepProps } from "./courseMode.ts";
import { PolicyLink } from "./PolicyLink.tsx";

/**
 * The policy step leads with the key rules (the clauses marked critical, one line each), which is what
 * the course asks the learner to read; the full text is one click away, a section at a time, and the
 * scenarios that follow teach the rest clause by clause.
 */
export function PolicyStep({ course, opened, send }: PolicyStepProps) {
  const { sections, keyRules = [] } = course.policy;
  return (
    <section className="course-step" aria-labelledby="policy-step-title">
      <h1 id="policy-step-title" tabIndex={-1} data-autofocus>
        The key rules
      </h1>
      <p>
        Policy version {course.policy.version}: the rules that matter most. The full text is below and on the{" "}
        <PolicyLink>policy page</PolicyLink>; the scenarios put all of it into practice.
      </p>
      <ol className="key-rules">
        {keyRules.map((rule) => (
          <li key={rule.id}>
            <span className="clause__id">{rule.id}</span> {rule.summary}
          </li>
        ))}
      </ol>
      {/* Native disclosures: keyboard and screen readers know them; one section open at a time keeps a phone's page short. */}
      <details className="full-policy">
        <summary>Read the full policy</summary>
        <div className="course-sections">
          {sections.map((section) => {
            const read = opened.includes(section.number);
            return (
              <details
                key={section.number}
                id={`course-section-${section.anchor}`}
                name="policy-sections"
                className={read ? "is-read" : undefined}
                onToggle={(event) =>
                  event.currentTarget.open && send({ type: "section.open", section: section.number })
                }
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
      </details>
      <button type="button" className="button" onClick={() => send({ type: "policy.done" })}>
        Continue to the scenarios
      </button>
    </section>
  );
}
