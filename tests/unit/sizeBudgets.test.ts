import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { brotliAtBest, servedBrotliSize } from "../../src/lib/contentCoding.ts";
import { gzipSize, pageWeight } from "../../src/budgets/pageWeight.ts";
import { pageSplit, recordFrameworkShares, type FrameworkShares } from "../../src/budgets/scriptSplit.ts";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_TOTAL_BUDGET,
  COURSE_WIRE_BUDGET,
  PACKAGE_BUDGET,
  packageBudgetProblem,
  VERIFY_PAGE_BUDGET,
} from "../../src/budgets/sizeBudgets.ts";
import sizeBudget from "../../src/integrations/sizeBudget.ts";

/** A built site in a temporary folder: file name → contents. */
function builtSite(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-weight-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Text that gzip cannot shrink much: deterministic, so that the figures are the same on every run. */
function incompressible(length: number): string {
  let seed = 42;
  let text = "";
  while (text.length < length) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    text += seed.toString(36);
  }
  return text.slice(0, length);
}

/**
 * Deterministic text without the repeats that `incompressible` falls into past some 90 KB (its
 * arithmetic loses precision): a SHA-256 chain in base64, which brotli cannot shrink below 6 bits a character.
 */
function highEntropy(length: number): string {
  let block = createHash("sha256").update("aup").digest();
  let text = "";
  while (text.length < length) {
    text += block.toString("base64");
    block = createHash("sha256").update(block).digest();
  }
  return text.slice(0, length);
}

const entry = 'import{a}from"./shared.js";a();';
// Minifiers quote with backticks too.
const shared = "export const a=()=>import(`./lazy.js`);";
const lazy = 'import{a}from"./shared.js";export default a;';
const css = "body{margin:0}";
const style = ".course{max-width:48rem}";

describe("page weight", () => {
  it("counts inline scripts, the files a page loads and the chunks they import, and apart what they import dynamically", () => {
    const html = `<style>${style}</style><link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/entry.js"></script><script>window.x=1</script>`;
    const dir = builtSite({
      "course/index.html": html,
      "_astro/entry.js": entry,
      "_astro/shared.js": shared,
      "_astro/lazy.js": lazy,
      "_astro/site.css": css,
    });
    expect(pageWeight(dir, "course/index.html")).toEqual({
      jsGzip: gzipSize("window.x=1") + gzipSize(entry) + gzipSize(shared),
      cssGzip: gzipSize(style) + gzipSize(css),
      laterJsGzip: gzipSize(lazy),
      // Files under 1 KB are sent as they are; the later chunk is not part of the first load.
      wireBrotli: html.length + entry.length + shared.length + css.length,
    });
  });

  it("follows URLs relative to the page, as a SCORM build writes them, and counts a shared chunk once", () => {
    const dir = builtSite({
      "course.html": `<script type="module" src="_astro/entry.js"></script><script type="module" src="_astro/shared.js"></script>`,
      "_astro/entry.js": entry,
      "_astro/shared.js": shared,
      "_astro/lazy.js": lazy,
    });
    expect(pageWeight(dir, "course.html")).toMatchObject({
      jsGzip: gzipSize(entry) + gzipSize(shared),
      laterJsGzip: gzipSize(lazy),
    });
  });

  it("does not count JSON data blocks as JavaScript", () => {
    const html = '<script type="application/ld+json">{"@type":"Article"}</script>';
    const dir = builtSite({ "policy/index.html": html });
    expect(pageWeight(dir, "policy/index.html")).toEqual({
      jsGzip: 0,
      cssGzip: 0,
      laterJsGzip: 0,
      wireBrotli: html.length,
    });
  });

  it("names a script the page loads that the build did not write", () => {
    const dir = builtSite({ "course/index.html": '<script type="module" src="/_astro/gone.js"></script>' });
    expect(() => pageWeight(dir, "course/index.html")).toThrow(
      "course/index.html loads _astro/gone.js, which the build did not write, so the page would break. Delete the output folder and build again; if it persists, a script URL in the page is wrong.",
    );
  });
});

describe("size budgets", () => {
  it("passes pages within their budgets and reports each page's weight", () => {
    const dir = builtSite({
      "index.html": "<h1>Home</h1>",
      "policy/index.html": `<style>${css}</style>`,
      "course/index.html": '<script type="module" src="/_astro/entry.js"></script>',
      "_astro/entry.js": entry,
      "_astro/shared.js": shared,
      "_astro/lazy.js": lazy,
    });
    const checks = checkPages(dir);
    expect(checks.map(({ page, isCourse, problem }) => ({ page, isCourse, problem }))).toEqual([
      { page: "course/index.html", isCourse: true, problem: undefined },
      { page: "index.html", isCourse: false, problem: undefined },
      { page: "policy/index.html", isCourse: false, problem: undefined },
    ]);
  });

  it("fails a course page over 90 KB and a policy page with any JavaScript, saying by how much and what to do", () => {
    const heavy = incompressible(160 * 1024);
    const dir = builtSite({
      "course.html": '<script type="module" src="_astro/heavy.js"></script>',
      "_astro/heavy.js": heavy,
      "policy.html": "<script>document.title='x'</script>",
    });
    const over = gzipSize(heavy) - COURSE_PAGE_BUDGET;
    expect(over).toBeGreaterThan(0);
    const problems = checkPages(dir).flatMap((check) => (check.problem ? [check.problem] : []));
    expect(problems).toEqual([
      `course.html loads ${(gzipSize(heavy) / 1024).toFixed(1)} KB of JavaScript and CSS before the learner's first interaction (gzipped: ${(gzipSize(heavy) / 1024).toFixed(1)} KB + 0.0 KB), ${over.toLocaleString("en-GB")} bytes over the budget of 90.0 KB. Trim the course island or its styles, or move what later steps need into their chunk, before shipping.`,
      `policy.html loads ${gzipSize("document.title='x'")} bytes of JavaScript (gzipped), but pages other than the course, the refresher and /verify ship none. Remove the script or client directive that brought it in.`,
    ]);
  });

  it("holds /verify to its own budget, inline only, weighed the same way", () => {
    const script = incompressible(4 * 1024);
    const styles = incompressible(1024);
    const verifyHtml = `<style>${styles}</style><script type="module">${script}</script>`;
    const inline = checkPages(builtSite({ "verify/index.html": verifyHtml }));
    expect(inline).toEqual([
      {
        page: "verify/index.html",
        isCourse: false,
        jsGzip: gzipSize(script),
        cssGzip: gzipSize(styles),
        laterJsGzip: 0,
        wireBrotli: servedBrotliSize(verifyHtml),
      },
    ]);
    const heavy = incompressible(30 * 1024);
    expect(gzipSize(heavy)).toBeGreaterThan(VERIFY_PAGE_BUDGET);
    const [over] = checkPages(builtSite({ "verify.html": `<script type="module">${heavy}</script>` }));
    expect(over?.problem).toBe(
      `verify.html loads ${(gzipSize(heavy) / 1024).toFixed(1)} KB of JavaScript and CSS (gzipped: ${(gzipSize(heavy) / 1024).toFixed(1)} KB + 0.0 KB), ` +
        `${(gzipSize(heavy) - VERIFY_PAGE_BUDGET).toLocaleString("en-GB")} bytes over the budget of 16.0 KB for the receipt checker. ` +
        "Trim its script (no zod, no node: modules in what it imports) or its styles before shipping.",
    );
    const linked = checkPages(
      builtSite({
        "verify/index.html":
          '<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/v.js"></script>',
        "_astro/site.css": css,
        "_astro/v.js": "export {};",
      }),
    );
    expect(linked[0]?.problem).toBe(
      "verify/index.html loads /_astro/v.js, /_astro/site.css from URLs, so it would not work saved to disk as one file. " +
        "Its one script and its styles must be inline: see src/integrations/inlineVerifyPage.ts and src/pages/verify.astro.",
    );
    // Only /verify: any other page with that script fails as before.
    expect(checkPages(builtSite({ "policy.html": `<script type="module">${script}</script>` }))[0]?.problem).toMatch(
      /^policy\.html loads [\d,]+ bytes of JavaScript/,
    );
  });

  it("lets later steps load in a chunk of their own, within 110 KB in all", () => {
    const half = incompressible(60 * 1024);
    const page = (later: string) =>
      builtSite({
        "course.html": '<script type="module" src="_astro/entry.js"></script>',
        "_astro/entry.js": "const later=()=>import(`./later.js`);",
        "_astro/later.js": later,
      });
    const within = checkPages(page(half))[0];
    expect(within?.laterJsGzip).toBe(gzipSize(half));
    expect(within?.problem).toBeUndefined();
    expect(within?.jsGzip).toBeLessThan(COURSE_PAGE_BUDGET);
    const heavy = incompressible(200 * 1024);
    const [over] = checkPages(page(heavy));
    const total = (over?.jsGzip ?? 0) + gzipSize(heavy);
    expect(over?.jsGzip).toBeLessThan(COURSE_PAGE_BUDGET);
    expect(over?.problem).toBe(
      `course.html loads ${(total / 1024).toFixed(1)} KB of JavaScript and CSS in all, later steps included (gzipped), ${(total - COURSE_TOTAL_BUDGET).toLocaleString("en-GB")} bytes over the budget of 110.0 KB. Trim the course before shipping.`,
    );
  });

  it("fails a course page whose HTML, first scripts and styles go over the wire as more than 120 KB of brotli", () => {
    // Scripts and styles well within their gzip budgets; the HTML (what the course embeds) is what weighs.
    const script = incompressible(40 * 1024);
    const embedded = highEntropy(150 * 1024);
    const html = `<script type="module" src="/_astro/entry.js"></script><main>${embedded}</main>`;
    const [over] = checkPages(builtSite({ "course/index.html": html, "_astro/entry.js": script }));
    const wire = brotliAtBest(html).length + brotliAtBest(script).length;
    expect(over?.jsGzip).toBeLessThan(COURSE_PAGE_BUDGET);
    expect(over?.wireBrotli).toBe(wire);
    expect(wire).toBeGreaterThan(COURSE_WIRE_BUDGET);
    expect(over?.problem).toBe(
      `course/index.html sends ${(wire / 1024).toFixed(1)} KB over the wire before the learner's first interaction (HTML, scripts and styles, brotli as served), ` +
        `${(wire - COURSE_WIRE_BUDGET).toLocaleString("en-GB")} bytes over the budget of 120.0 KB. ` +
        "Trim the page's HTML (what the course embeds in it) or its scripts before shipping.",
    );
    // The same page with a lighter HTML is within all three budgets.
    const [within] = checkPages(
      builtSite({
        "course/index.html": `<script type="module" src="/_astro/entry.js"></script>`,
        "_astro/entry.js": script,
      }),
    );
    expect(within?.problem).toBeUndefined();
  });

  it("splits a page's first scripts into framework and course code by the bundler's module lengths", () => {
    const dir = builtSite({
      "course.html":
        '<script type="module" src="_astro/entry.js"></script><script>customElements.define("astro-island",class{})</script>',
      "_astro/entry.js": incompressible(8 * 1024),
    });
    const shares: FrameworkShares = new Map();
    const plugin = recordFrameworkShares(shares);
    const generateBundle = plugin.generateBundle as (options: { dir: string }, bundle: unknown) => void;
    generateBundle.call(
      undefined,
      { dir },
      {
        "_astro/entry.js": {
          type: "chunk",
          fileName: "_astro/entry.js",
          modules: {
            "/app/node_modules/react-dom/cjs/react-dom-client.production.js": { renderedLength: 300 },
            "/app/node_modules/scheduler/index.js": { renderedLength: 100 },
            "/app/src/course/CourseApp.tsx": { renderedLength: 400 },
            "/app/node_modules/xstate/dist/xstate.js": { renderedLength: 200 },
          },
        },
        "_astro/site.css": { type: "asset", fileName: "_astro/site.css" },
      },
    );
    expect([...shares]).toEqual([[path.join(dir, "_astro/entry.js"), 0.4]]);
    const size = gzipSize(incompressible(8 * 1024));
    const loader = gzipSize('customElements.define("astro-island",class{})');
    expect(pageSplit(dir, "course.html", shares)).toEqual({
      frameworkGzip: Math.round(size * 0.4) + loader,
      courseGzip: size - Math.round(size * 0.4),
    });
    // A chunk the bundler did not report: the split is unknown rather than guessed.
    expect(pageSplit(dir, "course.html", new Map())).toBeUndefined();
  });

  /** Runs the integration's build hook over a built folder; the error it stops the build with, if any. */
  function buildStop(dir: string): Error | undefined {
    const hook = sizeBudget().hooks["astro:build:done"];
    type HookOptions = Parameters<NonNullable<typeof hook>>[0];
    const logger = { info: () => undefined } as unknown as HookOptions["logger"];
    try {
      void hook?.({ dir: pathToFileURL(`${dir}/`), logger } as HookOptions);
    } catch (error) {
      return error as Error;
    }
    return undefined;
  }

  it("stops the Astro build with every problem and no stack trace", () => {
    const stopped = buildStop(builtSite({ "index.html": "<script>alert(1)</script>" }));
    expect(stopped).toBeInstanceOf(Error);
    expect(stopped?.message).toMatch(/^Page weight over budget:\n {2}- index\.html loads \d+ bytes of JavaScript/);
    expect(stopped?.stack).toBe("");
  });

  it("stops the Astro build, without a stack trace, when a page loads a script that was not written", () => {
    const stopped = buildStop(builtSite({ "course.html": '<script type="module" src="_astro/gone.js"></script>' }));
    expect(stopped?.message).toMatch(/^course\.html loads _astro\/gone\.js, which the build did not write/);
    expect(stopped?.stack).toBe("");
  });

  it("holds each SCORM zip to 500 KB", () => {
    expect(packageBudgetProblem("a.zip", PACKAGE_BUDGET)).toBeUndefined();
    expect(packageBudgetProblem("a.zip", PACKAGE_BUDGET + 1)).toBe(
      "a.zip is 512,001 bytes, 1 byte over the budget of 500.0 KB for a SCORM package. Look for large images or files that the course does not need.",
    );
  });
});
