import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { AstroError } from "astro/errors";
import { pageSplit, recordFrameworkShares, type FrameworkShares } from "../budgets/scriptSplit.ts";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_TOTAL_BUDGET,
  COURSE_WIRE_BUDGET,
  isVerifyPage,
  kilobytes,
  type PageCheck,
  VERIFY_PAGE_BUDGET,
} from "../budgets/sizeBudgets.ts";

/** Fails the build when a page ships more than its budget (docs/DESIGN.md): a size check, not a timing. */
export default function sizeBudget(): AstroIntegration {
  const shares: FrameworkShares = new Map();
  return {
    name: "aup-size-budget",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [recordFrameworkShares(shares)] } });
      },
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const checks = weigh(root);
        for (const { page, jsGzip, cssGzip, laterJsGzip, wireBrotli } of checks.filter((check) => check.isCourse)) {
          const split = pageSplit(root, page, shares);
          logger.info(
            `${page}: ${kilobytes(jsGzip + cssGzip)} of JavaScript and CSS, gzipped, before the first interaction (budget ${kilobytes(COURSE_PAGE_BUDGET)}: ` +
              `${split ? `framework ${kilobytes(split.frameworkGzip)}, course code ${kilobytes(split.courseGzip)}` : `JavaScript ${kilobytes(jsGzip)}`}, CSS ${kilobytes(cssGzip)}); ` +
              `${kilobytes(jsGzip + cssGzip + laterJsGzip)} with later steps (budget ${kilobytes(COURSE_TOTAL_BUDGET)}); ` +
              `${kilobytes(wireBrotli)} over the wire with its HTML, brotli (budget ${kilobytes(COURSE_WIRE_BUDGET)})`,
          );
        }
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
