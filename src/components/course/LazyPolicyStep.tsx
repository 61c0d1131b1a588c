import { useEffect } from "react";
import type { PolicyStepProps } from "./courseMode.ts";
import { LaterPending } from "./LaterPending.tsx";
import { useLaterSteps } from "./useLaterSteps.ts";

/**
 * The policy step comes with the later steps' chunk, which the course asks for once the learner
 * presses Start: it shows only after that first interaction, so the page's first load (90 KB
 * budget) need not carry it. A network that refuses the chunk gets the later steps' message.
 */
export function LazyPolicyStep(props: PolicyStepProps) {
  const later = useLaterSteps(true);
  if (!later || "failed" in later) return <LaterPending failed={!!later} />;
  return (
    <>
      <later.Policy {...props} />
      <FocusOnArrival />
    </>
  );
}

/**
 * The course moves focus to a new step's heading when the step changes, which here may be before
 * the chunk arrives: once it has, the heading takes the focus, unless the learner has already
 * moved it into the step.
 */
function FocusOnArrival() {
  useEffect(() => {
    const heading = document.getElementById("policy-step-title");
    if (heading && !heading.closest("section")?.contains(document.activeElement)) heading.focus();
  }, []);
  return null;
}
