import { readdirSync } from "node:fs";
import { countOf } from "../lib/plural.ts";
import { linkedFiles, pageWeight, type PageWeight } from "./pageWeight.ts";

// The size budgets of docs/DESIGN.md. A kilobyte here is 1,024 bytes.
export const KB = 1024;
/** What the course page loads before the learner's first interaction. */
export const COURSE_PAGE_BUDGET = 90 * KB;
/** Everything the course page ever loads, later steps' chunks included. */
export const COURSE_TOTAL_BUDGET = 110 * KB;
/** The course page over the wire as the server sends it: HTML, first scripts and styles, brotli. */
export const COURSE_WIRE_BUDGET = 120 * KB;
export const PACKAGE_BUDGET = 500 * KB;
/**
 * The receipt checker (/verify), JavaScript and CSS: the verifier (jose's JWS check, the Merkle proof,
 * the signed note) runs in the page, inlined with its styles so that the page works saved as one file.
 */
export const VERIFY_PAGE_BUDGET = 16 * KB;
/** Pages that run the course island; every other page ships no JavaScript at all, but /verify. */
const COURSE_PAGES = /^(?:course|refresher|update-[0-9.]+)(?:\.html|[/\\]index\.html)$/;
const VERIFY_PAGE = /^verify(?:\.html|[/\\]index\.html)$/;

export const isVerifyPage = (page: string) => VERIFY_PAGE.test(page);

const bytes = (count: number) => countOf(count, "byte");

/** Bytes as kilobytes with one decimal, for messages. */
export const kilobytes = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

export interface PageCheck extends PageWeight {
  page: string;
  isCourse: boolean;
  /** What is over budget, by how much and what to do; absent when the page is within it. */
  problem?: string;
}

/** Every HTML file under `rootDir`, relative to it. */
export function htmlPages(rootDir: string): string[] {
  return readdirSync(rootDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .sort();
}

/** Weighs every built page in `rootDir` against its budget. */
export function checkPages(rootDir: string): PageCheck[] {
  return htmlPages(rootDir).map((page) => {
    const weight = pageWeight(rootDir, page);
    const { jsGzip, laterJsGzip } = weight;
    const isCourse = COURSE_PAGES.test(page);
    const problem = isCourse
      ? coursePageProblem(page, weight)
      : isVerifyPage(page)
        ? verifyPageProblem(page, weight, linkedFiles(rootDir, page))
        : jsGzip + laterJsGzip > 0
          ? `${page} loads ${bytes(jsGzip + laterJsGzip)} of JavaScript (gzipped), but pages other than the course, the refresher and /verify ship none. ` +
            `Remove the script or client directive that brought it in.`
          : undefined;
    return { page, isCourse, ...weight, ...(problem ? { problem } : {}) };
  });
}

function coursePageProblem(page: string, { jsGzip, cssGzip, laterJsGzip, wireBrotli }: PageWeight): string | undefined {
  const initial = jsGzip + cssGzip;
  const total = initial + laterJsGzip;
  if (initial > COURSE_PAGE_BUDGET)
    return (
      `${page} loads ${kilobytes(initial)} of JavaScript and CSS before the learner's first interaction (gzipped: ${kilobytes(jsGzip)} + ${kilobytes(cssGzip)}), ` +
      `${bytes(initial - COURSE_PAGE_BUDGET)} over the budget of ${kilobytes(COURSE_PAGE_BUDGET)}. ` +
      `Trim the course island or its styles, or move what later steps need into their chunk, before shipping.`
    );
  if (total > COURSE_TOTAL_BUDGET)
    return (
      `${page} loads ${kilobytes(total)} of JavaScript and CSS in all, later steps included (gzipped), ` +
      `${bytes(total - COURSE_TOTAL_BUDGET)} over the budget of ${kilobytes(COURSE_TOTAL_BUDGET)}. Trim the course before shipping.`
    );
  if (wireBrotli > COURSE_WIRE_BUDGET)
    return (
      `${page} sends ${kilobytes(wireBrotli)} over the wire before the learner's first interaction (HTML, scripts and styles, brotli as served), ` +
      `${bytes(wireBrotli - COURSE_WIRE_BUDGET)} over the budget of ${kilobytes(COURSE_WIRE_BUDGET)}. ` +
      `Trim the page's HTML (what the course embeds in it) or its scripts before shipping.`
    );
  return undefined;
}

/** The receipt checker must fit its budget and carry everything inline (it works saved as one file). */
function verifyPageProblem(page: string, weight: PageWeight, linked: string[]): string | undefined {
  if (linked.length || weight.laterJsGzip)
    return (
      `${page} loads ${linked.length ? linked.join(", ") : "chunks"} from URLs, so it would not work saved to disk as one file. ` +
      `Its one script and its styles must be inline: see src/integrations/inlineVerifyPage.ts and src/pages/verify.astro.`
    );
  const total = weight.jsGzip + weight.cssGzip;
  if (total > VERIFY_PAGE_BUDGET)
    return (
      `${page} loads ${kilobytes(total)} of JavaScript and CSS (gzipped: ${kilobytes(weight.jsGzip)} + ${kilobytes(weight.cssGzip)}), ` +
      `${bytes(total - VERIFY_PAGE_BUDGET)} over the budget of ${kilobytes(VERIFY_PAGE_BUDGET)} for the receipt checker. ` +
      `Trim its script (no zod, no node: modules in what it imports) or its styles before shipping.`
    );
  return undefined;
}

/** A problem line when a SCORM zip of `bytes` is over its budget, otherwise undefined. */
export function packageBudgetProblem(name: string, size: number): string | undefined {
  return size > PACKAGE_BUDGET
    ? `${name} is ${bytes(size)}, ${bytes(size - PACKAGE_BUDGET)} over the budget of ${kilobytes(PACKAGE_BUDGET)} for a SCORM package. ` +
        `Look for large images or files that the course does not need.`
    : undefined;
}
