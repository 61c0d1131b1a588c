import { useEffect, useState, type ComponentType } from "react";
import type { LaterStepsProps } from "./LaterSteps.tsx";
import type { LmsProblems } from "./LmsProblems.tsx";

type Loaded = { Steps: ComponentType<LaterStepsProps>; Problems: typeof LmsProblems } | { failed: true };

let loading: Promise<Loaded> | undefined;

/**
 * The later steps' components (and what the LMS refused), loaded once the course is on screen (not
 * before the learner's first interaction); undefined until they arrive, `failed` when the network refused them.
 */
export function useLaterSteps(): Loaded | undefined {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    let live = true;
    loading ??= import("./LaterSteps.tsx").then(
      (module) => ({ Steps: module.default, Problems: module.LmsProblems }),
      () => {
        loading = undefined; // a later mount may try again
        return { failed: true as const };
      },
    );
    void loading.then((result) => live && setLoaded(result));
    return () => {
      live = false;
    };
  }, []);
  return loaded;
}
