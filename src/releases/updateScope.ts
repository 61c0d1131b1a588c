import type { Release } from "../schemas/release.ts";
import { compareVersions } from "../lib/versions.ts";
import { changedClauseIds, clauseChanges, type ClauseChange } from "./clauseChanges.ts";

/**
 * Where a learner's last acknowledgement leaves them against the published version:
 * - `current`: of a release at or after the latest material one (a minor release asks nothing);
 * - `update`: of a release from the previous material one up to the latest, so that an update
 *   course (what changed, then only the scenarios it touches) brings them up to date;
 * - `full`: of anything older, or of a text no release records: the whole course again.
 */
export type Standing = { kind: "current" } | { kind: "update"; from: string } | { kind: "full" };

/** The releases, oldest first, that the latest material release (at or before `version`) supersedes for an update. */
export function updateSources(releases: readonly Release[], version: string): Release[] {
  const upTo = sorted(releases).filter((r) => compareVersions(r.version, version) <= 0);
  const material = upTo.map((r, i) => (r.change === "material" ? i : -1)).filter((i) => i >= 0);
  const latest = material.at(-1);
  // The first release is material too (everyone acknowledges it), so it bounds the first update.
  const previous = material.at(-2) ?? (latest !== undefined && latest > 0 ? 0 : undefined);
  if (latest === undefined || previous === undefined) return [];
  return upTo.slice(previous, latest);
}

/** The release whose text has `hash`, and where an acknowledgement of it leaves the learner. */
export function standingOf(releases: readonly Release[], version: string, hash: string): Standing {
  const upTo = sorted(releases).filter((r) => compareVersions(r.version, version) <= 0);
  const acknowledged = upTo.find((r) => r.hash === hash);
  if (!acknowledged) return { kind: "full" };
  const latestMaterial = upTo.filter((r) => r.change === "material").at(-1);
  if (!latestMaterial || compareVersions(acknowledged.version, latestMaterial.version) >= 0) return { kind: "current" };
  return updateSources(releases, version).some((r) => r.version === acknowledged.version)
    ? { kind: "update", from: acknowledged.version }
    : { kind: "full" };
}

/** What an update from one release to another re-teaches: the changes, and the scenarios to replay. */
export interface UpdateScope {
  changes: ClauseChange[];
  /** Clauses added or reworded in `to`: what the scenarios are picked by. */
  changedClauses: string[];
  /** Scenarios of `to` that cite a changed clause or whose own text changed (or is new), sorted by id. */
  scenarioIds: string[];
}

/**
 * Decided from the two releases' records alone (each scenario's cited clauses and text hash, as
 * `npm run release` wrote them), so that the server, the site and the packages agree on it and
 * nothing the browser says can widen or narrow it.
 */
export function updateScope(from: Release, to: Release): UpdateScope {
  const changes = clauseChanges(from, to);
  const changedClauses = changedClauseIds(changes);
  const changed = new Set(changedClauses);
  const before = new Map(from.scenarios.map((s) => [s.id, s.hash]));
  const scenarioIds = to.scenarios
    .filter((s) => s.clauses.some((clause) => changed.has(clause)) || before.get(s.id) !== s.hash)
    .map((s) => s.id)
    .sort();
  return { changes, changedClauses, scenarioIds };
}

function sorted(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => compareVersions(a.version, b.version));
}
