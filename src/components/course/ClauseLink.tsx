import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { PolicyLink } from "./PolicyLink.tsx";

/** "3.4 Third-party data", linking to the clause on the policy page (a new tab keeps the course open). */
export function ClauseLink({ course, id }: { course: CourseDefinition; id: string }) {
  const clause = course.policy.sections.flatMap((s) => s.clauses).find((c) => c.id === id);
  if (!clause) return <>clause {id}</>;
  return (
    <PolicyLink anchor={clause.anchor}>
      {clause.id} {clause.title}
    </PolicyLink>
  );
}
