import type { Loader } from "astro/loaders";
import type { Scenario } from "../schemas/scenario.ts";

/**
 * Loads scenario files into the `scenarios` content collection: those the build published (every
 * file that passed the checks: schema, graph, clause ids, placeholders), as written. Problems
 * are the aupContent integration's to report: it lists them all and stops a production build
 * before this runs; in dev the files with problems stay out. The dev server restarts when a content
 * file changes (aupContent watches them), which publishes and loads again.
 */
export function scenarioLoader(scenarios: readonly Scenario[]): Loader {
  return {
    name: "aup-scenarios",
    load: async (context) => {
      context.store.clear();
      for (const scenario of scenarios)
        context.store.set({
          id: scenario.id,
          data: await context.parseData({ id: scenario.id, data: { ...scenario } }),
        });
    },
  };
}
