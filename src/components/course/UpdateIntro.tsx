import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";

/**
 * The update course's intro: which versions, how much changed, how long it takes. An update is
 * short, so it replays the changed scenarios of every product the organisation deploys rather than
 * asking which the learner uses.
 */
export function UpdateIntro({ course, ready, send }: IntroProps) {
  const all = course.productAudiences;
  return (
    <IntroFrame
      course={course}
      ready={ready}
      title={`What changed: version ${course.update?.from ?? ""} to ${course.policy.version}`}
      onStart={() => send({ type: "course.start", audiences: all })}
    >
      <p>
        {/* durationKey of every product ticked: each, in the order offered. */}
        {course.intro} Allow {course.duration[all.join(" ")]}.
      </p>
    </IntroFrame>
  );
}
