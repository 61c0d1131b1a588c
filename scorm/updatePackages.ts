import { readReleases } from "../src/releases/releaseFiles.ts";
import { updateSources } from "../src/releases/updateScope.ts";

/** One course a package launches: its page in the build, the zip name's suffix and the LMS title. */
export interface PackagedCourse {
  launch: string;
  suffix: string;
  title: string;
}

/**
 * The update courses of the latest material release, as packages: one per version a learner may
 * update from (the build writes each as update-<from>.html), named `-update-<from>-<to>`. None when
 * the content records no earlier material release.
 */
export function updatePackages(contentDir: string, version: string): PackagedCourse[] {
  return updateSources(readReleases(contentDir).releases, version).map(({ version: from }) => ({
    launch: `update-${from}.html`,
    suffix: `-update-${from}-${version}`,
    title: `Acceptable Use Policy for Claude: what changed from version ${from} to ${version}`,
  }));
}
