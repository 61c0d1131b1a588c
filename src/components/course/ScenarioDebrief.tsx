/**
 * The lesson at the end of a scenario, and the way on. It comes with the later steps' chunk, as
 * the feedback does: a scenario reaches its end only after the learner's choices.
 */
export function ScenarioDebrief({ html, isLast, onFinish }: { html: string; isLast: boolean; onFinish: () => void }) {
  return (
    <div className="scenario__debrief">
      <h2 tabIndex={-1} data-autofocus>
        What to take away
      </h2>
      <div dangerouslySetInnerHTML={{ __html: html }} />
      <button type="button" className="button" onClick={onFinish}>
        {isLast ? "See your result" : "Next scenario"}
      </button>
    </div>
  );
}
