import { readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";
import { gzipSize, loadedFiles } from "./pageWeight.ts";

/** The framework under the course: React, ReactDOM, its scheduler and Astro's island runtime. */
const FRAMEWORK_MODULE = /[\\/]node_modules[\\/](?:react|react-dom|scheduler|astro)[\\/]/;

/** Each built chunk's framework share (0 to 1, of its minified bytes), by the chunk's absolute path. */
export type FrameworkShares = Map<string, number>;

/** The JavaScript a page loads before the first interaction, gzipped, split by what it is. */
export interface PageSplit {
  frameworkGzip: number;
  courseGzip: number;
}

/**
 * A Vite plugin that records, as the bundler writes each chunk, how much of it is framework code
 * (by the modules' rendered lengths): the course's code and React share one chunk, which compresses
 * better than two (astro.config.mjs), so only the bundler can tell them apart.
 */
export function recordFrameworkShares(shares: FrameworkShares): Plugin {
  return {
    name: "aup-framework-shares",
    generateBundle(options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        const modules = Object.entries(output.modules);
        const total = modules.reduce((sum, [, module]) => sum + module.renderedLength, 0);
        const framework = modules
          .filter(([id]) => FRAMEWORK_MODULE.test(id))
          .reduce((sum, [, module]) => sum + module.renderedLength, 0);
        shares.set(path.resolve(options.dir ?? "", output.fileName), total ? framework / total : 0);
      }
    },
  };
}

/**
 * The split of a page's first load: each chunk's gzipped size divided by its framework share (an
 * estimate: gzip does not compress both parts equally), Astro's inline island loader as framework.
 * Undefined when a script the page loads was not recorded (a build without the plugin).
 */
export function pageSplit(rootDir: string, htmlFile: string, shares: FrameworkShares): PageSplit | undefined {
  const { inlineScripts, scriptFiles } = loadedFiles(rootDir, htmlFile);
  let frameworkGzip = 0;
  let courseGzip = 0;
  for (const file of scriptFiles) {
    const share = shares.get(file);
    if (share === undefined) return undefined;
    const size = gzipSize(readFileSync(file));
    frameworkGzip += Math.round(size * share);
    courseGzip += size - Math.round(size * share);
  }
  for (const script of inlineScripts.filter((body) => body.trim())) {
    if (script.includes("astro-island")) frameworkGzip += gzipSize(script);
    else courseGzip += gzipSize(script);
  }
  return { frameworkGzip, courseGzip };
}
