import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { gzipSize, pageWeight } from "../../src/budgets/pageWeight.ts";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_TOTAL_BUDGET,
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

const entry = 'import{a}from"./shared.js";a();';
// Minifiers quote with backticks too.
const shared = "export const a=()=>import(`./lazy.js`);";
const lazy = 'import{a}from"./shared.js";export default a;';
const css = "body{margin:0}";
const style = ".course{max-width:48rem}";

describe("page weight", () => {
  it("counts inline scripts, the files a page loads and the chunks they import, and apart what they import dynamically", () => {
    const dir = builtSite({
      "course/index.html": `<style>${style}</style><link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/entry.js"></script><script>window.x=1</script>`,
      "_astro/entry.js": entry,
      "_astro/shared.js": shared,
      "_astro/lazy.js": lazy,
      "_astro/site.css": css,
    });
    expect(pageWeight(dir, "course/index.html")).toEqual({
      jsGzip: gzipSize("window.x=1") + gzipSize(entry) + gzipSize(shared),
      cssGzip: gzipSize(style) + gzipSize(css),
      laterJsGzip: gzipSize(lazy),
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
    const dir = builtSite({ "policy/index.html": '<script type="application/ld+json">{"@type":"Article"}</script>' });
    expect(pageWeight(dir, "policy/index.html")).toEqual({ jsGzip: 0, cssGzip: 0, laterJsGzip: 0 });
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
    const inline = checkPages(
      builtSite({ "verify/index.html": `<style>${styles}</style><script type="module">${script}</script>` }),
    );
    expect(inline).toEqual([
      {
        page: "verify/index.html",
        isCourse: false,
        jsGzip: gzipSize(script),
        cssGzip: gzipSize(styles),
        laterJsGzip: 0,
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
