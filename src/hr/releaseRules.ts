import { updateSources } from "../releases/updateScope.ts";
import { compareVersions } from "../lib/versions.ts";
import type { Release } from "../schemas/release.ts";

/** What the status rules need of the recorded releases (src/hr/status.ts). */
export interface ReleaseRules {
  /** Texts whose acknowledgement still counts: the live one and every release since the latest material one. */
  currentHashes: string[];
  /** Texts whose learners take an update course rather than the whole course, with their versions. */
  updateFrom: { hash: string; version: string }[];
  /** The version an update brings them to, and by when: the latest material release's effective date plus the window. */
  to: string;
  /** The latest material release: what every acknowledgement since answers to (a minor release after it asks nothing). */
  material: string;
  updateDueBy: string;
}

/** The release rules for the live policy, from the releases this build (or the content folder) records. */
export function releaseRules(
  releases: readonly Release[],
  policy: { version: string; organisation: { course: { updateWindowDays: number } } },
): ReleaseRules | undefined {
  const upTo = releases
    .filter((r) => compareVersions(r.version, policy.version) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  const latestMaterial = upTo.filter((r) => r.change === "material").at(-1);
  if (!latestMaterial) return undefined;
  const since = upTo.filter((r) => compareVersions(r.version, latestMaterial.version) >= 0);
  return {
    currentHashes: since.map((r) => r.hash),
    updateFrom: updateSources(releases, policy.version).map((r) => ({ hash: r.hash, version: r.version })),
    to: policy.version,
    material: latestMaterial.version,
    updateDueBy: addDays(latestMaterial.effectiveDate, policy.organisation.course.updateWindowDays),
  };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
