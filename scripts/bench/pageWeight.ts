// The page weight and package sections of BENCHMARKS.md, from what `npm run build` and `npm run package`
// left in dist/: every page of the site and of each SCORM build weighed and judged as the build's own
// size check does, and each zip's size.
import { spawnSync } from "node:child_process";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_WIRE_BUDGET,
  kilobytes as kb,
  PACKAGE_BUDGET,
} from "../../src/budgets/sizeBudgets.ts";
import { packageSizes } from "./packageSizes.ts";
import { verdict } from "./verdict.ts";

/** Runs `npm run package` (both SCORM builds and their zips), as the sections weigh what it leaves. */
export function runPackage(): void {
  const run = spawnSync(process.execPath, ["scorm/package.ts"], {
    env: { ...process.env, NODE_ENV: "production", ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}${run.stderr}`);
}

export function pageWeightSection(): string {
  const weights = [
    { name: "site", dir: "dist/client" },
    { name: "SCORM 1.2", dir: "dist/scorm/scorm12" },
    { name: "SCORM 2004", dir: "dist/scorm/scorm2004" },
  ].flatMap(({ name, dir }) => checkPages(dir).map((check) => ({ ...check, page: `${name}: ${check.page}` })));
  const heaviest = weights
    .filter((w) => w.isCourse)
    .map((w) => ({ page: w.page, total: w.jsGzip + w.cssGzip, inAll: w.jsGzip + w.cssGzip + w.laterJsGzip }))
    .reduce((a, b) => (b.total > a.total ? b : a));
  const widest = weights.filter((w) => w.isCourse).reduce((a, b) => (b.wireBrotli > a.wireBrotli ? b : a));
  return `## Page weight (gzipped, level 9)

Budget: no JavaScript on the other pages; on the course and refresher pages, in the site and in each SCORM
build, JavaScript and CSS at most 90 KB (92,160 bytes) before the learner's first interaction and 110 KB
(112,640 bytes) in all, the later steps (result, acknowledgement, receipt) loading in a chunk of their own,
and 120 KB (122,880 bytes) over the wire with the page's HTML (brotli, as the server sends it).
\`npm run build\` and \`npm run package\` fail when a page is over (src/integrations/sizeBudget.ts).
Reproduce: \`npm run bench -- --only page-weight\` (or build, then read the figures the build's size check logs).

| page | JavaScript | CSS | first load | bytes | later steps | in all | over the wire | verdict |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${weights
  .map((w) => {
    const total = w.jsGzip + w.cssGzip;
    return `| ${w.page} | ${kb(w.jsGzip)} | ${kb(w.cssGzip)} | ${kb(total)} | ${total.toLocaleString("en-GB")} | ${kb(w.laterJsGzip)} | ${kb(total + w.laterJsGzip)} | ${kb(w.wireBrotli)} | ${verdict(!w.problem)} |`;
  })
  .join("\n")}

The heaviest course page loads ${heaviest.total.toLocaleString("en-GB")} bytes before the first interaction (${heaviest.page}),
${(COURSE_PAGE_BUDGET - heaviest.total).toLocaleString("en-GB")} bytes under the budget, and ${heaviest.inAll.toLocaleString("en-GB")} bytes in all: React 19's DOM client alone
is about 66 KB and xstate about 12 KB of it, so the course's own code and styles have little room, and any
addition to the first load has to be paid for. Over the wire, the heaviest is ${widest.page} at ${widest.wireBrotli.toLocaleString("en-GB")} bytes,
${(COURSE_WIRE_BUDGET - widest.wireBrotli).toLocaleString("en-GB")} bytes under its budget: beside the scripts, it carries the page's HTML, which embeds the course's text (every scenario it may play).
`;
}

export function packagesSection(): string {
  return `## SCORM packages

Budget: each zip at most 500 KB.

| package | size |
| --- | ---: |
${packageSizes("dist/packages")
  .map((z) => `| ${z.name} | ${kb(z.bytes)} (${verdict(z.bytes <= PACKAGE_BUDGET)}) |`)
  .join("\n")}
`;
}
