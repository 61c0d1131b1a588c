import { defineCollection } from "astro:content";
import { scenarioLoader } from "./scenarios/scenarioLoader.ts";
import { ScenarioSchema } from "./schemas/scenario.ts";

// The scenarios, as the pages read them (src/site/pageCourse.ts).
export const collections = {
  scenarios: defineCollection({ loader: scenarioLoader(), schema: ScenarioSchema }),
};
