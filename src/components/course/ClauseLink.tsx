import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { pageHref } from "../../site/target.ts";

/** "3.4 Third-party data", linking to the clause on the policy page (a new tab keeps the course open). */
export function ClauseLink({ course, id }: { course: CourseDefinition; id: string }) {
  const clause = course.policy.sections.flatMap((s) => s.clauses).find((c) => c.id === id);
  if (!clause) return <>clause {id}</>;
  return (
    <a href={pageHref("policy", clause.anchor)} target="_blank" rel="noopener">
      {clause.id} {clause.title}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
