import { useEffect, useState, type ComponentType } from "react";
import type { LaterStepsProps } from "./LaterSteps.tsx";

type Loaded = { Steps: ComponentType<LaterStepsProps> } | { failed: true };

let loading: Promise<Loaded> | undefined;

/**
 * The later steps' component, loaded once `wanted` (the learner has started, or resumed past the
 * intro), so never before the learner's first interaction; undefined until it arrives, `failed`
 * when the network refused it.
 */
export function useLaterSteps(wanted: boolean): Loaded | undefined {
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    loading ??= import("./LaterSteps.tsx").then(
      (module) => ({ Steps: module.default }),
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
