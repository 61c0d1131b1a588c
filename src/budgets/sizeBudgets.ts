import { readdirSync } from "node:fs";
import { pageWeight, type PageWeight } from "./pageWeight.ts";

// The size budgets of docs/DESIGN.md. A kilobyte here is 1,024 bytes.
export const KB = 1024;
/** What the course page loads before the learner's first interaction. */
export const COURSE_PAGE_BUDGET = 90 * KB;
/** Everything the course page ever loads, later steps' chunks included. */
export const COURSE_TOTAL_BUDGET = 110 * KB;
export const PACKAGE_BUDGET = 500 * KB;
/** Pages that run the course island; every other page ships no JavaScript at all. */
const COURSE_PAGES = /^(?:course|refresher)(?:\.html|[/\\]index\.html)$/;

const bytes = (count: number) => `${count.toLocaleString("en-GB")} byte${count === 1 ? "" : "s"}`;

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
    const { jsGzip, cssGzip, laterJsGzip } = weight;
    const isCourse = COURSE_PAGES.test(page);
    const initial = jsGzip + cssGzip;
    const total = initial + laterJsGzip;
    const problem = isCourse
      ? initial > COURSE_PAGE_BUDGET
        ? `${page} loads ${kilobytes(initial)} of JavaScript and CSS before the learner's first interaction (gzipped: ${kilobytes(jsGzip)} + ${kilobytes(cssGzip)}), ` +
          `${bytes(initial - COURSE_PAGE_BUDGET)} over the budget of ${kilobytes(COURSE_PAGE_BUDGET)}. ` +
          `Trim the course island or its styles, or move what later steps need into their chunk, before shipping.`
        : total > COURSE_TOTAL_BUDGET
          ? `${page} loads ${kilobytes(total)} of JavaScript and CSS in all, later steps included (gzipped), ` +
            `${bytes(total - COURSE_TOTAL_BUDGET)} over the budget of ${kilobytes(COURSE_TOTAL_BUDGET)}. Trim the course before shipping.`
          : undefined
      : jsGzip + laterJsGzip > 0
        ? `${page} loads ${bytes(jsGzip + laterJsGzip)} of JavaScript (gzipped), but pages other than the course and the refresher ship none. ` +
          `Remove the script or client directive that brought it in.`
        : undefined;
    return { page, isCourse, ...weight, ...(problem ? { problem } : {}) };
  });
}

/** A problem line when a SCORM zip of `bytes` is over its budget, otherwise undefined. */
export function packageBudgetProblem(name: string, size: number): string | undefined {
  return size > PACKAGE_BUDGET
    ? `${name} is ${bytes(size)}, ${bytes(size - PACKAGE_BUDGET)} over the budget of ${kilobytes(PACKAGE_BUDGET)} for a SCORM package. ` +
        `Look for large images or files that the course does not need.`
    : undefined;
}
