import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { countOf } from "../../lib/plural.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import { toPercent } from "../../course/scoring.ts";
import type { CourseResult } from "../../tracking/tracker.ts";
import { acknowledgeWording } from "./acknowledgeWording.ts";
import { ClauseLink } from "./ClauseLink.tsx";

interface Props {
  course: CourseDefinition;
  result: CourseResult;
  send: (event: CourseEvent) => void;
}

export function ResultStep({ course, result, send }: Props) {
  const percent = toPercent(result.score);
  const missed = [...new Set(result.scenarios.flatMap((s) => s.missedClauses))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  const toRetry = result.scenarios.filter((s) => s.score < 1).length;
  return (
    <section className="course-step" aria-labelledby="result-title">
      <h1 id="result-title" tabIndex={-1} data-autofocus>
        {result.passed ? `You passed with ${percent}%` : `${percent}%: not yet a pass`}
      </h1>
      <p>
        The pass mark is {course.passMark}%.{" "}
        {result.passed
          ? `Well done. One step left: ${acknowledgeWording(course).nextStep}.`
          : `Review the clauses below, then try the ${countOf(toRetry, "scenario")} you missed again.`}
      </p>
      {missed.length > 0 && (
        <>
          <h2>{result.passed ? "Worth a second look" : "Clauses to review"}</h2>
          <ul className="missed-clauses">
            {missed.map((id) => (
              <li key={id}>
                <ClauseLink course={course} id={id} />
              </li>
            ))}
          </ul>
        </>
      )}
      {result.passed ? (
        <button type="button" className="button" onClick={() => send({ type: "course.acknowledge" })}>
          Continue to the acknowledgement
        </button>
      ) : (
        <button type="button" className="button" onClick={() => send({ type: "course.retry" })}>
          Retry the missed scenarios
        </button>
      )}
    </section>
  );
}
