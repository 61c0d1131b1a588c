import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { servedBrotliSize } from "../lib/contentCoding.ts";

/** What one built page makes the browser download, gzipped at level 9. */
export interface PageWeight {
  /** Scripts the page runs as it loads: inline ones, the files it loads and every chunk those import statically. */
  jsGzip: number;
  /** Inline style elements and linked stylesheets. */
  cssGzip: number;
  /** Chunks imported dynamically (and what they import) that the page has not already loaded: later steps. */
  laterJsGzip: number;
  /**
   * What loading the page sends over the wire before the first interaction: the HTML (its inline
   * scripts and styles with it), the scripts it runs as it loads and its stylesheets, each as the
   * server sends it to a browser that takes brotli (the build's brotli copy; small files as they are).
   */
  wireBrotli: number;
}

/** The files a built page loads, absolute paths, as pageWeight finds them. */
export interface LoadedFiles {
  html: string;
  inlineScripts: string[];
  inlineStyles: string[];
  scriptFiles: Set<string>;
  laterFiles: Set<string>;
  stylesheets: Set<string>;
}

export const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

// Astro islands name their code in these attributes, besides plain script src.
const SCRIPT_URL = /\s(?:src|component-url|renderer-url|before-hydration-url)="([^"]+\.m?js)"/g;
const STYLESHEET_URL = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/g;
// Static imports of chunks (`from"./x.js"`, `import"./x.js"`) and dynamic ones (`import("./x.js")`); the
// minifier may quote with backticks.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.m?js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["'`](\.{1,2}\/[^"'`]+\.m?js)["'`]\s*\)/g;

/**
 * The scripts and stylesheets a built page loads from URLs rather than carrying inline (relative to
 * `rootDir`): a page that must work saved as one file may have none.
 */
export function linkedFiles(rootDir: string, htmlFile: string): string[] {
  const html = readFileSync(path.join(rootDir, htmlFile), "utf8");
  const stylesheets = [...html.matchAll(STYLESHEET_URL)].map(([tag]) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? "");
  return [...[...html.matchAll(SCRIPT_URL)].map(([, url]) => url ?? ""), ...stylesheets];
}

/**
 * Weighs a built page in `rootDir` (the folder served as `/`). URLs may be absolute (the site) or
 * relative to the page (the SCORM builds), so the same measure serves the build check and the benchmark.
 */
export function pageWeight(rootDir: string, htmlFile: string): PageWeight {
  const { html, inlineScripts, inlineStyles, scriptFiles, laterFiles, stylesheets } = loadedFiles(rootDir, htmlFile);
  const sumOfFiles = (files: Set<string>) => [...files].reduce((sum, file) => sum + gzipSize(readFileSync(file)), 0);
  const inline = (bodies: string[]) => (bodies.join("").trim() ? gzipSize(bodies.join("\n")) : 0);
  const overTheWire = [...scriptFiles, ...stylesheets].reduce(
    (sum, file) => sum + servedBrotliSize(readFileSync(file)),
    servedBrotliSize(html),
  );
  return {
    jsGzip: inline(inlineScripts) + sumOfFiles(scriptFiles),
    cssGzip: inline(inlineStyles) + sumOfFiles(stylesheets),
    laterJsGzip: sumOfFiles(laterFiles),
    wireBrotli: overTheWire,
  };
}

/** The inline code and the files a built page loads as it loads (and later, by dynamic imports). */
export function loadedFiles(rootDir: string, htmlFile: string): LoadedFiles {
  const html = readFileSync(path.join(rootDir, htmlFile), "utf8");
  const resolve = (url: string) =>
    url.startsWith("/") ? path.join(rootDir, url) : path.join(rootDir, path.dirname(htmlFile), url);

  const inlineScripts = [...html.matchAll(INLINE_SCRIPT)]
    // Data blocks (JSON) are not code the browser runs.
    .filter(([, attributes]) => !/\btype="application\/(?:ld\+)?json"/.test(attributes ?? ""))
    .map(([, , body]) => body ?? "");
  const scriptFiles = new Set<string>(); // what the page runs as it loads
  const laterFiles = new Set<string>(); // what dynamic imports add to that, each once
  const dynamic: string[] = [];
  /** Adds `file` and the chunks it imports statically to `into`; queues the chunks it imports dynamically. */
  const visit = (file: string, into: Set<string>) => {
    if (scriptFiles.has(file) || into.has(file)) return;
    if (!existsSync(file))
      throw new Error(
        `${htmlFile} loads ${path.relative(rootDir, file)}, which the build did not write, so the page would break. ` +
          `Delete the output folder and build again; if it persists, a script URL in the page is wrong.`,
      );
    into.add(file);
    const code = readFileSync(file, "utf8");
    const near = (url: string | undefined) => path.join(path.dirname(file), url ?? "");
    for (const [, url] of code.matchAll(STATIC_IMPORT)) visit(near(url), into);
    for (const [, url] of code.matchAll(DYNAMIC_IMPORT)) dynamic.push(near(url));
  };
  for (const [, url] of html.matchAll(SCRIPT_URL)) visit(resolve(url ?? ""), scriptFiles);
  while (dynamic.length) visit(dynamic.pop() ?? "", laterFiles);

  const stylesheets = new Set(
    [...html.matchAll(STYLESHEET_URL)].map(([tag]) => resolve(/\bhref="([^"]+)"/.exec(tag)?.[1] ?? "")),
  );
  const inlineStyles = [...html.matchAll(INLINE_STYLE)].map(([, body]) => body ?? "");
  return { html, inlineScripts, inlineStyles, scriptFiles, laterFiles, stylesheets };
}
