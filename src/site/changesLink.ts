import { isPackage, TARGET, type BuildTarget } from "./target.ts";

/**
 * The "What changed" page of a release. One flat name per release (`changes-1.1.0`), beside the
 * policy page, so that a package's relative links work from any page without a folder to climb out of.
 */
export function changesHref(version: string, target: BuildTarget = TARGET): string {
  return isPackage(target) ? `changes-${version}.html` : `/changes-${version}`;
}
