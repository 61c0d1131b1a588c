import { useEffect, useState, type ComponentType } from "react";
import type { ChoiceFeedback } from "./ChoiceFeedback.tsx";
import type { LaterStepsProps } from "./LaterSteps.tsx";
import type { LmsProblems } from "./LmsProblems.tsx";
import type { PolicyStep } from "./PolicyStep.tsx";
import type { ScenarioDebrief } from "./ScenarioDebrief.tsx";

/** The later chunk's parts, or that the network refused it. */
export type LaterParts =
  | {
      Steps: ComponentType<LaterStepsProps>;
      Problems: typeof LmsProblems;
      Feedback: typeof ChoiceFeedback;
      Debrief: typeof ScenarioDebrief;
      Policy: typeof PolicyStep;
    }
  | { failed: true };
type Loaded = LaterParts;

let loading: Promise<Loaded> | undefined;

/**
 * The later steps' components (and what the LMS refused), loaded once `wanted`: not before the
 * learner's first interaction unless there is news from the LMS; undefined until they arrive,
 * `failed` when the network refused them.
 */
export function useLaterSteps(wanted: boolean): Loaded | undefined {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    loading ??= import("./LaterSteps.tsx").then(
      (module) => ({
        Steps: module.default,
        Problems: module.LmsProblems,
        Feedback: module.ChoiceFeedback,
        Debrief: module.ScenarioDebrief,
        Policy: module.PolicyStep,
      }),
      () => {
        loading = undefined; // a later mount may try again
        return { failed: true as const };
      },
    );
    void loading.then((result) => live && setLoaded(result));
    return () => {
      live = false;
    };
  }, [wanted]);
  return loaded;
}
