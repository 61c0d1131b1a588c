import { mkdirSync, writeFileSync } from "node:fs";
import { compareVersions, nextVersions } from "../lib/versions.ts";
import { displayPath } from "../policy/paths.ts";
import type { Policy } from "../policy/types.ts";
import type { Release, ReleaseKind } from "../schemas/release.ts";
import { releaseFile, releasesDir } from "./releaseFiles.ts";

export interface ReleaseRequest {
  kind: ReleaseKind;
  note: string;
  /** The day of the release or review, YYYY-MM-DD (injected, so that tests choose it). */
  today: string;
}

export type ReleaseOutcome =
  { action: "released"; release: Release; file: string } | { action: "reviewed"; release: Release; file: string };

/** A release that cannot be recorded: what went wrong and what to do; nothing was written. */
export class ReleaseRefused extends Error {
  override name = "ReleaseRefused";
}

/**
 * Records the live policy as a new release, or, when its text is the latest release's, records a
 * review of that release (the cadence counts reviews, and a review that changes nothing is still
 * one). Writes one file and nothing else.
 */
export function recordRelease(
  contentDir: string,
  live: { policy: Policy; sections: Release["sections"]; scenarios: Release["scenarios"] },
  releases: readonly Release[],
  { kind, note, today }: ReleaseRequest,
): ReleaseOutcome {
  const { policy } = live;
  const latest = releases.at(-1);
  if (latest) {
    const order = compareVersions(policy.version, latest.version);
    const next = nextVersions(latest.version);
    if (order < 0)
      throw new ReleaseRefused(
        `policy.version is ${policy.version}, but release ${latest.version} is already recorded: a version number never goes backwards. Set policy.version in organisation.yaml to ${next.minor} (wording) or ${next.material} (material), then run the release again.`,
      );
    if (order === 0 && latest.hash !== policy.hash)
      throw new ReleaseRefused(
        `the policy text changed since release ${latest.version}, but policy.version is still ${latest.version}. Set policy.version in organisation.yaml to ${next.minor} for a wording change or ${next.material} for a material one, then run the release again.`,
      );
    if (order === 0) {
      if (latest.reviews.some((review) => review.date > today))
        throw new ReleaseRefused(
          `release ${latest.version} already records a review after ${today}. Check the machine's date.`,
        );
      const reviewed = { ...latest, reviews: [...latest.reviews, { date: today, note }] };
      return { action: "reviewed", release: reviewed, file: write(contentDir, reviewed) };
    }
  }
  const release: Release = {
    version: policy.version,
    date: today,
    effectiveDate: policy.effectiveDate,
    change: kind,
    note,
    hash: policy.hash,
    sections: live.sections,
    scenarios: live.scenarios,
    reviews: [{ date: today, note }],
  };
  return { action: "released", release, file: write(contentDir, release) };
}

function write(contentDir: string, release: Release): string {
  mkdirSync(releasesDir(contentDir), { recursive: true });
  const file = releaseFile(contentDir, release.version);
  writeFileSync(file, `${JSON.stringify(release, null, 2)}\n`);
  return displayPath(file);
}
