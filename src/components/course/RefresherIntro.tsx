import { useState } from "react";
import { isEmail } from "../../lib/fieldRules.ts";
import { quarterOf } from "../../lib/quarters.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";

/** The refresher intro: the quiz is seeded by who the learner is (the LMS's id, or the email typed here). */
export function RefresherIntro({ course, latestReceipt, learner, missedClauses, ready, send }: IntroProps) {
  const [email, setEmail] = useState("");
  // The shared email rule, not the browser's bubble: once Start is pressed with an address the rule
  // refuses, the field says so until the address is one, in an alert that its aria-describedby names
  // (a name that points at nothing while there is no error, which describes nothing).
  const [tried, setTried] = useState(false);
  const typed = email.trim();
  const refused = !learner && !isEmail(typed);
  const error = tried && refused;
  const start = () =>
    refused
      ? setTried(true)
      : send({
          type: "course.start",
          learnerId: learner?.id ?? typed.toLowerCase(),
          quarter: quarterOf(new Date()),
          missedClauses,
        });
  return (
    <IntroFrame course={course} latestReceipt={latestReceipt} ready={ready} title="Quarterly refresher" onStart={start}>
      <p>{course.intro}</p>
      {!learner && (
        <p className="field">
          <label htmlFor="learner-id">Your work email</label>
          <input
            id="learner-id"
            type="email"
            required
            autoComplete="email"
            value={email}
            aria-invalid={error}
            aria-describedby="learner-id-error"
            onChange={(e) => setEmail(e.target.value)}
          />
          {error && (
            <span id="learner-id-error" className="form-error" role="alert">
              Write your work email address, e.g. ada@yourcompany.com.
            </span>
          )}
        </p>
      )}
    </IntroFrame>
  );
}
