import { useState } from "react";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import { pageHref } from "../../site/target.ts";

interface Props {
  course: CourseDefinition;
  opened: string[];
  send: (event: CourseEvent) => void;
}

/** The policy, one section at a time: the learner opens each section before the scenarios. */
export function PolicyStep({ course, opened, send }: Props) {
  const [expanded, setExpanded] = useState<string>();
  const sections = course.policy.sections;
  const remaining = sections.length - opened.length;
  const toggle = (number: string) => {
    setExpanded(expanded === number ? undefined : number);
    send({ type: "section.open", section: number });
  };
  return (
    <section className="course-step" aria-labelledby="policy-step-title">
      <h1 id="policy-step-title" tabIndex={-1} data-autofocus>
        Read the policy
      </h1>
      <p>
        Open each section to read it. Version {course.policy.version}; the full policy is also on the{" "}
        <a href={pageHref("policy")}>policy page</a>.
      </p>
      <p className="course-progress" aria-live="polite">
        {remaining === 0 ? "You have opened every section." : `${opened.length} of ${sections.length} sections opened.`}
      </p>
      <ul className="course-sections">
        {sections.map((section) => {
          const isOpen = expanded === section.number;
          const panel = `course-section-${section.anchor}`;
          return (
            <li key={section.number} className={opened.includes(section.number) ? "is-read" : undefined}>
              <h2>
                <button
                  type="button"
                  aria-expanded={isOpen}
                  aria-controls={panel}
                  onClick={() => toggle(section.number)}
                >
                  <span className="course-sections__number">{section.number}</span> {section.title}
                  {opened.includes(section.number) && <span className="course-sections__read"> (opened)</span>}
                </button>
              </h2>
              <div id={panel} hidden={!isOpen} className="course-sections__panel">
                <div className="why" dangerouslySetInnerHTML={{ __html: section.whyHtml }} />
                {section.clauses.map((clause) => (
                  <div key={clause.id} className="clause">
                    <h3>
                      <span className="clause__id">{clause.id}</span> {clause.title}
                    </h3>
                    <div dangerouslySetInnerHTML={{ __html: clause.html }} />
                  </div>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" disabled={remaining > 0} onClick={() => send({ type: "policy.done" })}>
        Continue to the scenarios
      </button>
      {remaining > 0 && <p className="hint">Open the {remaining} remaining section(s) to continue.</p>}
    </section>
  );
}
