import { loadPolicy } from "../policy/loadPolicy.ts";
import { loadOrganisation } from "../policy/organisation.ts";
import { placeholderValues } from "../policy/placeholders.ts";
import { checkScenarioFiles } from "../scenarios/loadScenarios.ts";
import { releasedScenarios, releasedSections } from "./releaseContent.ts";

/** The live content as a release would record it, read strictly: content with problems is never released. */
export function liveRelease(contentDir: string, scenariosDir: string) {
  const policy = loadPolicy({ contentDir, mode: "strict" });
  const values = placeholderValues(loadOrganisation(contentDir));
  const { checked } = checkScenarioFiles({ contentDir, scenariosDir, mode: "strict" });
  return { policy, sections: releasedSections(policy), scenarios: releasedScenarios(checked, values) };
}
