import path from "node:path";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { compareVersions, nextVersions } from "../lib/versions.ts";
import { displayPath } from "../policy/paths.ts";
import type { Policy } from "../policy/types.ts";
import type { Release } from "../schemas/release.ts";
import { releasesDir } from "./releaseFiles.ts";

/**
 * What stops a build: a policy whose text changed while its version stayed, a version that goes
 * backwards, and a version nobody recorded. A version is what people acknowledge, so one version
 * must always mean one text, and `content/releases/` must hold every text that was published.
 */
export function releaseProblems(
  policy: Pick<Policy, "version" | "hash">,
  releases: readonly Release[],
  contentDir: string,
): ContentProblem[] {
  const settings = displayPath(path.join(contentDir, "organisation.yaml"));
  const dir = displayPath(releasesDir(contentDir));
  const { version, hash } = policy;
  const record = (kind: string) => `npm run release -- --${kind} --note "what changed"`;
  const latest = releases.at(-1);
  if (!latest)
    return [
      {
        file: dir,
        message: `holds no release, so nothing records which text version ${version} is. Record it with npm run release -- --material --note "First release".`,
      },
    ];
  const order = compareVersions(version, latest.version);
  const after = nextVersions(latest.version);
  if (order < 0)
    return [
      {
        file: settings,
        location: "policy.version",
        message: `is ${version}, but release ${latest.version} is already recorded in ${dir}: a version number never goes backwards. Set policy.version to a version after ${latest.version} (${after.minor} for a wording change, ${after.material} for a material one), then run ${record("minor")} (or --material).`,
      },
    ];
  if (order === 0 && latest.hash !== hash)
    return [
      {
        file: settings,
        location: "policy.version",
        message: `is still ${version}, but the policy text changed since release ${version} was recorded (SHA-256 ${latest.hash.slice(0, 12)}…, now ${hash.slice(0, 12)}…): people who accepted ${version} accepted other words. Set policy.version to ${after.minor} for a wording change or ${after.material} for a material one, then run ${record("minor")} (or --material). To drop the change instead, restore the policy files.`,
      },
    ];
  if (order > 0)
    return [
      {
        file: settings,
        location: "policy.version",
        message: `is ${version}, which has no release in ${dir} (the latest is ${latest.version}). Record it with ${record("material")}, or --minor for a wording change that asks nobody to acknowledge again.`,
      },
    ];
  return [];
}
