import { choiceOrder } from "../../course/choiceOrder.ts";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { CourseContext, CourseEvent } from "../../machines/courseMachine.ts";
import { LaterPending } from "./LaterPending.tsx";
import type { LaterParts } from "./useLaterSteps.ts";

interface Props {
  course: CourseDefinition;
  context: CourseContext;
  send: (event: CourseEvent) => void;
  /** The later chunk, which brings the feedback on a choice and the debrief; undefined while it loads. */
  later?: LaterParts;
}

/** One scenario: the situation and its choices, the feedback on a choice, and the debrief at the end. */
export function ScenarioPlayer({ course, context, send, later }: Props) {
  const playing = context.playing;
  const scenario = course.scenarios.find((s) => s.id === playing?.id);
  if (!playing || !scenario) return null;
  const { answers, showingFeedback } = playing;
  const node = scenario.nodes[playing.node];
  const last = answers.at(-1);
  const lastNode = last ? scenario.nodes[last.node] : undefined;
  // While feedback shows, the situation on screen is the one just answered.
  const shownId = showingFeedback && last ? last.node : playing.node;
  const shown = scenario.nodes[shownId];
  const order = shown?.type === "question" ? choiceOrder(context, scenario.id, shownId, shown.choices.length) : [];
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
            {order.map((index) => {
              const choice = shown.choices[index];
              if (!choice) return null;
              const chosen = showingFeedback && last?.choice === index;
              return (
                <li key={index}>
                  <button
                    type="button"
                    className={chosen ? "choice is-chosen" : "choice"}
                    disabled={showingFeedback}
                    aria-pressed={showingFeedback ? chosen : undefined}
                    // The machine records a choice by its position in the file, whatever the order shown.
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
        {showingFeedback &&
          last &&
          lastNode?.type === "question" &&
          (!later || "failed" in later ? (
            <LaterPending failed={!!later} />
          ) : (
            <later.Feedback
              node={lastNode}
              answer={last}
              course={course}
              onContinue={() => send({ type: "feedback.continue" })}
            />
          ))}
      </div>
      {!showingFeedback &&
        node?.type === "end" &&
        (!later || "failed" in later ? (
          <LaterPending failed={!!later} />
        ) : (
          <later.Debrief html={node.debrief} isLast={isLast} onFinish={() => send({ type: "scenario.finish" })} />
        ))}
    </section>
  );
}
