import { countOf } from "../lib/plural.ts";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

const ATTRIBUTES = ["href", "src", "action", "poster", "component-url", "renderer-url", "before-hydration-url"];
const IN_HTML = new RegExp(`(\\s(?:${ATTRIBUTES.join("|")})=")(/(?!/)[^"]*)"`, "g");
const IN_SRCSET = /(\ssrcset=")([^"]*)"/g;
const IN_CSS = /url\((['"]?)(\/(?!\/)[^)'"]*)\1\)/g;

/**
 * Makes every URL of a static build relative, so that it works from whatever path an LMS serves
 * the package: root-relative links in HTML attributes (and srcset) and CSS url() become relative
 * to their file, and page links gain the .html that a plain file server needs (build.format file).
 */
export default function relativeUrls(): AstroIntegration {
  return {
    name: "aup-relative-urls",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let rewritten = 0;
        for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
          const full = path.join(root, file);
          if (!/\.(html|css)$/.test(file)) continue;
          const from = path.dirname(file);
          const text = readFileSync(full, "utf8");
          const relative = (url: string) => relativeTo(from, url);
          const next = file.endsWith(".css")
            ? text.replace(IN_CSS, (_, quote: string, url: string) => `url(${quote}${relative(url)}${quote})`)
            : text
                .replace(IN_HTML, (_, before: string, url: string) => `${before}${relative(url)}"`)
                .replace(
                  IN_SRCSET,
                  (_, before: string, list: string) =>
                    `${before}${list.replace(/(^|,\s*)(\/(?!\/)\S+)/g, (__, sep: string, url: string) => sep + relative(url))}"`,
                );
          if (next !== text) {
            writeFileSync(full, next);
            rewritten++;
          }
        }
        logger.info(`Made the URLs of ${countOf(rewritten, "file")} relative.`);
      },
    },
  };
}

/** `/policy#x` seen from folder `from` (relative to the build root) → `policy.html#x`, `../policy.html#x`… */
export function relativeTo(from: string, url: string): string {
  const [, pathname = "/", rest = ""] = /^([^?#]*)(.*)$/.exec(url) ?? [];
  let target = pathname.replace(/^\//, "");
  if (target === "" || target.endsWith("/")) target += "index.html";
  else if (!path.posix.extname(target)) target += ".html";
  const result = path.posix.relative(from === "." ? "" : from.split(path.sep).join("/"), target);
  return `${result || "index.html"}${rest}`;
}
