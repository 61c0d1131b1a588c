import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { compareVersions } from "../lib/versions.ts";
import { zodProblems } from "../lib/zodProblems.ts";
import { hashPolicyText } from "../policy/hash.ts";
import { displayPath } from "../policy/paths.ts";
import { ReleaseSchema, type Release } from "../schemas/release.ts";

/** Where `npm run release` records each published version: committed with the content. */
export function releasesDir(contentDir: string): string {
  return path.join(contentDir, "releases");
}

export function releaseFile(contentDir: string, version: string): string {
  return path.join(releasesDir(contentDir), `${version}.json`);
}

export interface ReadReleases {
  /** Oldest first. */
  releases: Release[];
  problems: ContentProblem[];
}

/**
 * Reads every recorded release and checks each against itself: the file's name is its version and
 * its text still makes its hash, so that a hand-edited release cannot rewrite what people accepted.
 */
export function readReleases(contentDir: string): ReadReleases {
  const dir = releasesDir(contentDir);
  const problems: ContentProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json"));
  } catch {
    return { releases: [], problems };
  }
  const releases: Release[] = [];
  for (const name of names) {
    const file = displayPath(path.join(dir, name));
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
    } catch (error) {
      problems.push({
        file,
        message: `is not valid JSON (${(error as Error).message}). Restore it from version control; npm run release writes these files.`,
      });
      continue;
    }
    const parsed = ReleaseSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, file));
      continue;
    }
    const release = parsed.data;
    if (name !== `${release.version}.json`)
      problems.push({
        file,
        location: "version",
        message: `is ${release.version}, but the file is named ${name}. Rename it ${release.version}.json, or restore it from version control.`,
      });
    else if (hashPolicyText(release.sections) !== release.hash)
      problems.push({
        file,
        location: "hash",
        message: `does not match the text recorded in the file: the release was edited after it was recorded. Restore it from version control; to publish new wording, change the policy files and run npm run release.`,
      });
    else releases.push(release);
  }
  releases.sort((a, b) => compareVersions(a.version, b.version));
  return { releases, problems };
}
