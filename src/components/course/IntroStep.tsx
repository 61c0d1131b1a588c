import { useState, type SubmitEvent } from "react";
import type { CourseDefinition, ProductAudience } from "../../course/courseDefinition.ts";
import { quarterOf } from "../../lib/quarters.ts";
import type { CourseEvent } from "../../machines/courseMachine.ts";
import type { AcknowledgementReceipt, Learner } from "../../tracking/tracker.ts";

const PRODUCT_NAMES: Record<ProductAudience, string> = { "claude-code": "Claude Code", cowork: "Claude Cowork agents" };

interface Props {
  course: CourseDefinition;
  /** The learner's last acknowledgement, if this browser has one. */
  latestReceipt?: AcknowledgementReceipt;
  /** Who the LMS or single sign-on says the learner is; then the refresher does not ask. */
  learner?: Learner;
  send: (event: CourseEvent) => void;
}

export function IntroStep({ course, latestReceipt, learner, send }: Props) {
  const [audiences, setAudiences] = useState<ProductAudience[]>([]);
  const [learnerId, setLearnerId] = useState("");
  const refresher = course.mode === "refresher";
  const start = (event: SubmitEvent) => {
    event.preventDefault();
    // The quiz is seeded by who the learner is: the LMS's learner id, or the email they type.
    const id = learner?.id ?? learnerId.trim().toLowerCase();
    send(
      refresher
        ? { type: "course.start", learnerId: id, quarter: quarterOf(new Date()) }
        : { type: "course.start", audiences },
    );
  };
  return (
    <form className="course-step" onSubmit={start} aria-labelledby="intro-title">
      <h1 id="intro-title" tabIndex={-1} data-autofocus>
        {refresher ? "Quarterly refresher" : "Claude at work: onboarding"}
      </h1>
      {latestReceipt && latestReceipt.policyHash !== course.policy.hash && (
        <p className="notice" role="status">
          The policy has changed since you acknowledged version {latestReceipt.policyVersion}. Please go through the
          course again and acknowledge version {course.policy.version}.
        </p>
      )}
      {refresher ? (
        <p>Five short situations, picked for you this quarter. It takes about ten minutes.</p>
      ) : (
        <p>
          Read {course.organisationName}'s Acceptable Use Policy for Claude (version {course.policy.version}), then
          decide what to do in realistic situations. You need {course.passMark}% to pass; you can retry what you missed.
          Then you acknowledge the policy.
        </p>
      )}
      {!refresher && course.productAudiences.length > 0 && (
        <fieldset>
          <legend>Which of these do you use? You get their scenarios too.</legend>
          {course.productAudiences.map((audience) => (
            <label key={audience} className="check">
              <input
                type="checkbox"
                checked={audiences.includes(audience)}
                onChange={(e) =>
                  setAudiences(e.target.checked ? [...audiences, audience] : audiences.filter((a) => a !== audience))
                }
              />
              {PRODUCT_NAMES[audience]}
            </label>
          ))}
        </fieldset>
      )}
      {refresher && !learner && (
        <p className="field">
          <label htmlFor="learner-id">Your work email</label>
          <input
            id="learner-id"
            type="email"
            required
            autoComplete="email"
            value={learnerId}
            onChange={(e) => setLearnerId(e.target.value)}
          />
        </p>
      )}
      <button type="submit" className="button">
        Start
      </button>
    </form>
  );
}
