/** What a build is for: the site with its records server, or a SCORM package for an LMS. */
export const BUILD_TARGETS = ["site", "scorm12", "scorm2004"] as const;
export type BuildTarget = (typeof BUILD_TARGETS)[number];

export const isBuildTarget = (value: string): value is BuildTarget =>
  (BUILD_TARGETS as readonly string[]).includes(value);

// Outside an Astro build (unit tests, scripts) nothing defines it: that is the site.
export const TARGET: BuildTarget = typeof __AUP_TARGET__ === "undefined" ? "site" : __AUP_TARGET__;

export type PackageTarget = Exclude<BuildTarget, "site">;

export const isPackage = (target: BuildTarget = TARGET): target is PackageTarget => target !== "site";

export type Page = "" | "policy" | "course" | "refresher" | "admin";

/**
 * A link to a page of this build. The site uses root-relative paths; a package uses relative file
 * names, because an LMS serves it from a path nobody knows in advance.
 */
export function pageHref(page: Page, fragment = "", target: BuildTarget = TARGET): string {
  const hash = fragment ? `#${fragment}` : "";
  if (!isPackage(target)) return `/${page}${hash}`;
  return `${page || "index"}.html${hash}`;
}
