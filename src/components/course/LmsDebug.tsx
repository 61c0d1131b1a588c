import type { LmsProblem } from "../../tracking/scorm/lmsSession.ts";

/** The debug view for the LMS administrator: each refusal by name, with the call and what the LMS answered. */
export function LmsDebug({ problems }: { problems: readonly LmsProblem[] }) {
  return (
    <section id="lms-debug" aria-labelledby="lms-debug-title">
      <h2 id="lms-debug-title">For your LMS administrator</h2>
      <p>What the LMS refused in this session, oldest first, with the LMS's own error codes.</p>
      <ol>
        {problems.map((problem, i) => (
          <li key={i}>
            <code>{problem.code}</code>: <code>{problem.detail}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
