import { createHash } from "node:crypto";
import type { PlaceholderValues } from "../policy/placeholders.ts";
import type { Policy } from "../policy/types.ts";
import { canonicalJson } from "../records/canonicalJson.ts";
import { renderScenario } from "../scenarios/loadScenarios.ts";
import type { ReleasedSection, Release } from "../schemas/release.ts";
import type { Scenario } from "../schemas/scenario.ts";

/** The binding text of the live policy in the shape a release records (and hashes) it. */
export function releasedSections(policy: Policy): ReleasedSection[] {
  return policy.sections.map(({ kind, number, title, clauses }) => ({
    kind,
    number,
    title,
    clauses: clauses.map(({ id, title, text }) => ({ id, title, text })),
  }));
}

/**
 * Each scenario's cited clauses and a hash of its filled-in text, so that an update course can
 * replay the scenarios that cite a changed clause or whose own text changed between two releases.
 */
export function releasedScenarios(scenarios: readonly Scenario[], values: PlaceholderValues): Release["scenarios"] {
  return scenarios.map((scenario) => ({
    id: scenario.id,
    clauses: [...scenario.clauses],
    hash: createHash("sha256")
      .update(canonicalJson(renderScenario(scenario, values)), "utf8")
      .digest("hex"),
  }));
}
