import { isPackage, TARGET, type BuildTarget } from "./target.ts";

/**
 * The update course from one version (`update-1.0.0`): one flat name per version, as the What-changed
 * pages have, so that a package's relative links work from any page.
 */
export function updateHref(from: string, target: BuildTarget = TARGET): string {
  return isPackage(target) ? `update-${from}.html` : `/update-${from}`;
}
