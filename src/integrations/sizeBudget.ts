import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { AstroError } from "astro/errors";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_TOTAL_BUDGET,
  isVerifyPage,
  kilobytes,
  type PageCheck,
  VERIFY_PAGE_BUDGET,
} from "../budgets/sizeBudgets.ts";

/** Fails the build when a page ships more than its budget (docs/DESIGN.md): a size check, not a timing. */
export default function sizeBudget(): AstroIntegration {
  return {
    name: "aup-size-budget",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const checks = weigh(fileURLToPath(dir));
        for (const { page, jsGzip, cssGzip, laterJsGzip } of checks.filter((check) => check.isCourse))
          logger.info(
            `${page}: ${kilobytes(jsGzip + cssGzip)} of JavaScript and CSS, gzipped, before the first interaction (budget ${kilobytes(COURSE_PAGE_BUDGET)}); ` +
              `${kilobytes(jsGzip + cssGzip + laterJsGzip)} with later steps (budget ${kilobytes(COURSE_TOTAL_BUDGET)})`,
          );
        for (const { page, jsGzip, cssGzip } of checks.filter((check) => isVerifyPage(check.page)))
          logger.info(
            `${page}: ${kilobytes(jsGzip + cssGzip)} of JavaScript and CSS, gzipped, all inline (budget ${kilobytes(VERIFY_PAGE_BUDGET)})`,
          );
        const problems = checks.flatMap((check) => (check.problem ? [check.problem] : []));
        if (problems.length) {
          const stop = new AstroError(
            `Page weight over budget:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
            "BENCHMARKS.md shows what each page loads; npm run bench measures it again.",
          );
          stop.stack = ""; // a budget overrun, not a crash
          throw stop;
        }
      },
    },
  };
}

/** The pages' weights; a page that cannot be weighed (a script the build did not write) stops the build too. */
function weigh(dir: string): PageCheck[] {
  try {
    return checkPages(dir);
  } catch (error) {
    const stop = new AstroError((error as Error).message);
    stop.stack = "";
    throw stop;
  }
}
