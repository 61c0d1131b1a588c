import { defineCollection } from "astro:content";
import published from "virtual:aup/published";
import { scenarioLoader } from "./scenarios/scenarioLoader.ts";
import { ScenarioSchema } from "./schemas/scenario.ts";

// The scenarios as an Astro content collection: the files as written, from the build's one read of the
// content (src/published/), checked against the same schema.
export const collections = {
  scenarios: defineCollection({ loader: scenarioLoader(published.scenarioFiles), schema: ScenarioSchema }),
};
