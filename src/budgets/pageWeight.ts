import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** What one built page makes the browser download, gzipped at level 9. */
export interface PageWeight {
  /** Scripts the page runs: inline ones, the files it loads and every chunk those import. */
  jsGzip: number;
  /** Inline style elements and linked stylesheets. */
  cssGzip: number;
}

export const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

// Astro islands name their code in these attributes, besides plain script src.
const SCRIPT_URL = /\s(?:src|component-url|renderer-url|before-hydration-url)="([^"]+\.m?js)"/g;
const STYLESHEET_URL = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/g;
// Static (`from"./x.js"`, `import"./x.js"`) and dynamic (`import("./x.js")`) imports of chunks.
const CHUNK_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+\.m?js)["']/g;

/**
 * Weighs a built page in `rootDir` (the folder served as `/`). URLs may be absolute (the site) or
 * relative to the page (the SCORM builds), so the same measure serves the build check and the benchmark.
 */
export function pageWeight(rootDir: string, htmlFile: string): PageWeight {
  const html = readFileSync(path.join(rootDir, htmlFile), "utf8");
  const resolve = (url: string) =>
    url.startsWith("/") ? path.join(rootDir, url) : path.join(rootDir, path.dirname(htmlFile), url);

  const inlineScripts = [...html.matchAll(INLINE_SCRIPT)]
    // Data blocks (JSON) are not code the browser runs.
    .filter(([, attributes]) => !/\btype="application\/(?:ld\+)?json"/.test(attributes ?? ""))
    .map(([, , body]) => body ?? "");
  const scriptFiles = new Set<string>();
  const visit = (file: string) => {
    if (scriptFiles.has(file)) return;
    if (!existsSync(file))
      throw new Error(
        `${htmlFile} loads ${path.relative(rootDir, file)}, which the build did not write, so the page would break. ` +
          `Delete the output folder and build again; if it persists, a script URL in the page is wrong.`,
      );
    scriptFiles.add(file);
    for (const [, url] of readFileSync(file, "utf8").matchAll(CHUNK_IMPORT))
      visit(path.join(path.dirname(file), url ?? ""));
  };
  for (const [, url] of html.matchAll(SCRIPT_URL)) visit(resolve(url ?? ""));

  const stylesheets = new Set(
    [...html.matchAll(STYLESHEET_URL)].map(([tag]) => resolve(/\bhref="([^"]+)"/.exec(tag)?.[1] ?? "")),
  );
  const inlineStyles = [...html.matchAll(INLINE_STYLE)].map(([, body]) => body ?? "");

  const sumOfFiles = (files: Set<string>) => [...files].reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  const inline = (bodies: string[]) => (bodies.join("").trim() ? gzipSize(bodies.join("\n")) : 0);
  return {
    jsGzip: inline(inlineScripts) + sumOfFiles(scriptFiles),
    cssGzip: inline(inlineStyles) + sumOfFiles(stylesheets),
  };
}
