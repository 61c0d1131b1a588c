import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  page: string;
  /** Gzipped bytes of the scripts the page loads (files and inline), and of its stylesheets. */
  jsGzip: number;
  cssGzip: number;
}

const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

/** What each built page makes the browser download in JavaScript and CSS, gzipped. */
export function pageWeights(clientDir: string, pages: Record<string, string>): PageWeight[] {
  return Object.entries(pages).map(([page, file]) => {
    const html = readFileSync(path.join(clientDir, file), "utf8");
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => m[1] ?? "")
      .join("");
    const referenced = (pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((m) => m[1] ?? ""))];
    const scripts = referenced(/(?:src|component-url|renderer-url|before-hydration-url)="\/?(_astro\/[^"]+\.js)"/g);
    const styles = referenced(/<link[^>]+href="\/?(_astro\/[^"]+\.css)"/g);
    // Chunks that a loaded script imports come along too.
    const all = new Set(scripts);
    for (const script of scripts)
      for (const match of readFileSync(path.join(clientDir, script), "utf8").matchAll(/from"\.\/([^"]+\.js)"/g))
        all.add(`_astro/${match[1]}`);
    const jsGzip =
      (inline ? gz(inline) : 0) + [...all].reduce((sum, file) => sum + gz(readFileSync(path.join(clientDir, file))), 0);
    const cssGzip = styles.reduce((sum, file) => sum + gz(readFileSync(path.join(clientDir, file))), 0);
    return { page, jsGzip, cssGzip };
  });
}

/** Size of each SCORM zip in the folder. */
export function packageSizes(dir: string): { name: string; bytes: number }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".zip"))
    .sort()
    .map((name) => ({ name, bytes: statSync(path.join(dir, name)).size }));
}
