import type { CourseDefinition } from "../../course/courseDefinition.ts";

export interface AcknowledgeWording {
  /** The step's heading. */
  title: string;
  /** The first thing the learner confirms, after "By signing you confirm that you:". */
  confirms: string;
  /** The submit button: what the learner says by pressing it. */
  button: string;
  /** The step as the result announces it, after "One step left:". */
  nextStep: string;
}

/**
 * What the learner signs, in each mode's own words (and how the result step announces it). Onboarding's learner has read the policy and
 * acknowledges it; a refresher's learner has read nothing new and says they still follow it; an
 * update's learner has read what changed and accepts the new version. Kept here, with the
 * acknowledgement step in the later chunk, rather than in each CourseMode, so that none of it
 * weighs on a page's first load.
 */
export function acknowledgeWording({ mode, organisationName, policy, update }: CourseDefinition): AcknowledgeWording {
  const policyName = `${organisationName}'s Acceptable Use Policy for Claude`;
  if (mode === "refresher")
    return {
      title: "Confirm this quarter's refresher",
      confirms: `have taken this quarter's refresher on ${policyName} and know its rules as they stand;`,
      button: "I still follow the policy",
      nextStep: "confirm that you still follow the policy",
    };
  if (mode === "update")
    return {
      title: `Accept version ${policy.version}`,
      confirms: `have read what changed in ${policyName} since version ${update?.from ?? "your last acknowledgement"}, and accept version ${policy.version};`,
      button: `I accept version ${policy.version}`,
      nextStep: `accept version ${policy.version}`,
    };
  return {
    title: "Acknowledge the policy",
    confirms: `have read ${policyName} and understood it;`,
    button: "I acknowledge the policy",
    nextStep: "acknowledge the policy",
  };
}
