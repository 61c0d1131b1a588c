import { useState } from "react";
import { quarterOf } from "../../lib/quarters.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";

/** The refresher intro: the quiz is seeded by who the learner is (the LMS's id, or the email typed here). */
export function RefresherIntro({ course, latestReceipt, learner, missedClauses, send }: IntroProps) {
  const [email, setEmail] = useState("");
  const start = () =>
    send({
      type: "course.start",
      learnerId: learner?.id ?? email.trim().toLowerCase(),
      quarter: quarterOf(new Date()),
      missedClauses,
    });
  return (
    <IntroFrame course={course} latestReceipt={latestReceipt} title="Quarterly refresher" onStart={start}>
      <p>{course.refresherSize} short situations, picked for you this quarter: about two minutes each.</p>
      {!learner && (
        <p className="field">
          <label htmlFor="learner-id">Your work email</label>
          <input
            id="learner-id"
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </p>
      )}
    </IntroFrame>
  );
}
