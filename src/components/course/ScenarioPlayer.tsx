import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseContext, CourseEvent } from "../../machines/courseMachine.ts";
import { ChoiceFeedback } from "./ChoiceFeedback.tsx";

interface Props {
  course: CourseDefinition;
  context: CourseContext;
  send: (event: CourseEvent) => void;
}

/** One scenario: the situation and its choices, the feedback on a choice, and the debrief at the end. */
export function ScenarioPlayer({ course, context, send }: Props) {
  const playing = context.playing;
  const scenario = course.scenarios.find((s) => s.id === playing?.id);
  if (!playing || !scenario) return null;
  const { answers, showingFeedback } = playing;
  const node = scenario.nodes[playing.node];
  const last = answers.at(-1);
  const lastNode = last ? scenario.nodes[last.node] : undefined;
  const lastChoice = last && lastNode?.type === "question" ? lastNode.choices[last.choice] : undefined;
  // While feedback shows, the situation on screen is the one just answered.
  const shown = showingFeedback && lastNode ? lastNode : node;
  const position = context.index + 1;
  const isLast = position >= context.plan.length;

  return (
    <section className="course-step scenario" aria-labelledby="scenario-title">
      <p className="course-progress">
        Scenario {position} of {context.plan.length}
        {context.attempt > 1 && " (retry)"}
        <progress max={context.plan.length} value={context.index} aria-label="Scenarios completed" />
      </p>
      <h1 id="scenario-title">{scenario.title}</h1>
      {shown?.type === "question" && (
        <>
          <div className="scenario__situation" tabIndex={-1} data-autofocus={showingFeedback ? undefined : true}>
            <h2 className="visually-hidden">Situation</h2>
            <div dangerouslySetInnerHTML={{ __html: shown.situation }} />
          </div>
          <h2 id="choices-title" className="scenario__ask">
            What do you do?
          </h2>
          <ul className="scenario__choices" aria-labelledby="choices-title">
            {shown.choices.map((choice, index) => {
              const chosen = showingFeedback && last?.choice === index;
              return (
                <li key={index}>
                  <button
                    type="button"
                    className={chosen ? "choice is-chosen" : "choice"}
                    disabled={showingFeedback}
                    aria-pressed={showingFeedback ? chosen : undefined}
                    onClick={() => send({ type: "choice.select", index })}
                  >
                    {choice.label}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="scenario__feedback" aria-live="polite">
        {showingFeedback && last && lastChoice && (
          <ChoiceFeedback
            outcome={last.outcome}
            clause={last.clause}
            html={lastChoice.feedback}
            course={course}
            onContinue={() => send({ type: "feedback.continue" })}
          />
        )}
      </div>
      {!showingFeedback && node?.type === "end" && (
        <div className="scenario__debrief">
          <h2 tabIndex={-1} data-autofocus>
            What to take away
          </h2>
          <div dangerouslySetInnerHTML={{ __html: node.debrief }} />
          <button type="button" className="button" onClick={() => send({ type: "scenario.finish" })}>
            {isLast ? "See your result" : "Next scenario"}
          </button>
        </div>
      )}
    </section>
  );
}
