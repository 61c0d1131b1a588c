import type { Loader } from "astro/loaders";
import { checkScenarioFiles } from "./loadScenarios.ts";

/**
 * Loads the scenario files into the `scenarios` content collection: every file that passes the
 * checks (schema, graph, clause ids, placeholders), as written; the collection validates each
 * against ScenarioSchema again. Problems are the aupContent integration's to report: it lists them
 * all and stops a production build before this runs; in dev the files with problems stay out.
 * The dev server restarts when a content file changes (aupContent watches them), which reloads this.
 */
export function scenarioLoader(): Loader {
  return {
    name: "aup-scenarios",
    load: async (context) => {
      const { checked } = checkScenarioFiles({ mode: "preview" });
      context.store.clear();
      for (const scenario of checked)
        context.store.set({
          id: scenario.id,
          data: await context.parseData({ id: scenario.id, data: { ...scenario } }),
        });
    },
  };
}
