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
  /** Clauses added or reworded by a material release after `from`: what the scenarios are picked by. */
  changedClauses: string[];
  /** Scenarios of `to` that cite a changed clause or whose own text a material release changed (or added), sorted by id. */
  scenarioIds: string[];
}

/**
 * Decided from the releases' records alone (each scenario's cited clauses and text hash, as
 * `npm run release` wrote them), so that the server, the site and the packages agree on it and
 * nothing the browser says can widen or narrow it. Only the material releases after `from` count: a
 * minor release asks nothing of anyone, so a clause or scenario that only a rewording touched is not
 * taught again. The changes view still compares `from` with `to`, so that a clause both releases
 * touched shows every word the learner has not acknowledged.
 */
export function updateScope(from: Release, to: Release, releases: readonly Release[]): UpdateScope {
  const steps = materialSteps(from, to, releases);
  const clauses = new Set(steps.flatMap(([before, after]) => clauseChanges(before, after).map(clauseOf)));
  const changes = clauseChanges(from, to).filter((change) => clauses.has(clauseOf(change)));
  const changedClauses = changedClauseIds(changes);
  const changed = new Set(changedClauses);
  const rewritten = new Set(
    steps.flatMap(([before, after]) => {
      const hashes = new Map(before.scenarios.map((s) => [s.id, s.hash]));
      return after.scenarios.filter((s) => hashes.get(s.id) !== s.hash).map((s) => s.id);
    }),
  );
  const scenarioIds = to.scenarios
    .filter((s) => s.clauses.some((clause) => changed.has(clause)) || rewritten.has(s.id))
    .map((s) => s.id)
    .sort();
  return { changes, changedClauses, scenarioIds };
}

/** Each material release after `from` up to `to`, with the release just before it. */
function materialSteps(from: Release, to: Release, releases: readonly Release[]): [Release, Release][] {
  const span = sorted(releases).filter(
    (r) => compareVersions(r.version, from.version) >= 0 && compareVersions(r.version, to.version) <= 0,
  );
  return span.flatMap((release, i) => {
    const before = span[i - 1];
    return before && release.change === "material" ? [[before, release] as [Release, Release]] : [];
  });
}

/** The clause a change is about: its id in the newer release, or the removed clause's. */
function clauseOf(change: ClauseChange): string {
  return change.kind === "removed" ? change.before.id : change.after.id;
}

function sorted(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => compareVersions(a.version, b.version));
}
