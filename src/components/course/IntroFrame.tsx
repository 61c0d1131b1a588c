import type { ReactNode, SubmitEvent } from "react";
import type { IntroProps } from "./courseMode.ts";

interface Props extends Pick<IntroProps, "course" | "latestReceipt" | "ready"> {
  title: string;
  onStart: () => void;
  children: ReactNode;
}

/** What both intros share: the title, a notice when the policy changed since the last acknowledgement, Start. */
export function IntroFrame({ course, latestReceipt, ready, title, onStart, children }: Props) {
  const start = (event: SubmitEvent) => {
    event.preventDefault();
    onStart();
  };
  return (
    // noValidate: a field checks itself by the shared rules (src/lib/fieldRules.ts) and says so in the page.
    <form className="course-step" onSubmit={start} aria-labelledby="intro-title" noValidate>
      <h1 id="intro-title" tabIndex={-1} data-autofocus>
        {title}
      </h1>
      {latestReceipt && latestReceipt.policyHash !== course.policy.hash && (
        <p className="notice" role="status">
          The policy has changed since you acknowledged version {latestReceipt.policyVersion}. Please go through the
          course again and acknowledge version {course.policy.version}.
        </p>
      )}
      {children}
      <button type="submit" className="button" disabled={!ready}>
        Start
      </button>
    </form>
  );
}
