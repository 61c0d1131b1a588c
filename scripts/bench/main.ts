// `npm run bench`: measures the budgets of docs/DESIGN.md on this machine and writes BENCHMARKS.md.
// Every figure comes with its references from the same run (a naive baseline and the disk's limit).
import { execSync, spawnSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { ackThroughput, type AckFigures } from "./ackThroughput.ts";
import { exportTiming } from "./exportTiming.ts";
import { pageLoadSection } from "./coursePageLoad.ts";
import { ensureChromium } from "../harness/chromium.ts";
import { checkPages, COURSE_PAGE_BUDGET, kilobytes as kb, PACKAGE_BUDGET } from "../../src/budgets/sizeBudgets.ts";
import { SCALE_RECORDS, START_MEMORY_BYTES } from "../../src/budgets/scaleBudgets.ts";
import { packageSizes } from "./packageSizes.ts";
import { signingCost, signingSection } from "./signingCost.ts";
import { diskLimitPerSecond, naiveLowdbPerSecond } from "./references.ts";
import { memoryLimit, type MemoryLimit } from "../harness/memoryLimit.ts";
import { emptyStart, scaleRun } from "./scale.ts";
import { scaleSection } from "./scaleReport.ts";
import { onlyPart, runPart } from "./onlyPart.ts";
import { postgresBench } from "./postgresBench.ts";
import { postgresSection } from "./postgresReport.ts";

const quick = process.argv.includes("--quick");
const log = (message: string) => console.log(`• ${message}`);

const only = onlyPart(process.argv);
if (only) {
  await runPart(only, log);
  process.exit(0);
}

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`${command} failed:\n${run.stdout}${run.stderr}`);
  return (performance.now() - started) / 1000;
}

log("Build and package from a warm install…");
const buildSeconds = timed("npm run build", ["node_modules/astro/bin/astro.mjs", "build"]);
const packageSeconds = timed("npm run package", ["scorm/package.ts"]);

log("Acknowledgements over HTTP (autocannon, 32 connections)…");
await ackThroughput(0, 1000, 32); // warm-up: the first requests pay for compilation
const sizes = quick ? [0, 10_000] : [0, 10_000, 100_000];
const acks: AckFigures[] = [];
for (const stored of sizes) {
  acks.push(await ackThroughput(stored, quick ? 2000 : 10_000, 32));
  log(`  ${stored} stored: ${acks.at(-1)?.perSecond}/s, p99 ${acks.at(-1)?.p99} ms`);
}
log("The cost of signing (checkpoints and receipts) against the journal alone…");
const signing = await signingCost(quick ? 2000 : 10_000);
log(`  ${signing.unsigned}/s unsigned, ${signing.signed}/s signed`);

log("References: naive lowdb rewrite per acknowledgement, and the disk's append+fdatasync limit…");
const naive: { stored: number; perSecond: number }[] = [];
for (const stored of sizes)
  naive.push({ stored, perSecond: await naiveLowdbPerSecond(stored, stored >= 100_000 ? 3 : 10) });
const disk = diskLimitPerSecond();

log("CSV exports…");
const exports = (quick ? [100_000] : [100_000, 1_000_000]).map((count) => exportTiming(count));

log("Scale: years of records (generated journals, the server, npm run verify, the dashboard)…");
// The servers run in the memory the budget gives them, as in a container with that limit.
let limit: MemoryLimit | undefined;
let unlimited: string | undefined;
try {
  limit = memoryLimit(START_MEMORY_BYTES);
} catch (error) {
  unlimited = (error as Error).message;
  log(`  no memory limit (${unlimited}): the servers' memory is measured with a heap sized for the whole machine`);
}
const empty = await emptyStart(limit);
const scaleSizes = quick ? [100_000] : [100_000, SCALE_RECORDS];
const scale = [];
for (const records of scaleSizes) {
  log(`  ${records.toLocaleString("en-GB")} records:`);
  // Acknowledgements at the largest size only (the budget's), on the server already started there.
  scale.push(await scaleRun(records, records === scaleSizes.at(-1) ? (quick ? 2000 : 10_000) : 0, limit, log));
}
limit?.remove();

log("Page weight and package sizes…");
// Every page of the site and of each SCORM build that npm run package just made, weighed and judged
// as the build's own size check does.
const weights = [
  { name: "site", dir: "dist/client" },
  { name: "SCORM 1.2", dir: "dist/scorm/scorm12" },
  { name: "SCORM 2004", dir: "dist/scorm/scorm2004" },
].flatMap(({ name, dir }) => checkPages(dir).map((check) => ({ ...check, page: `${name}: ${check.page}` })));
const zips = packageSizes("dist/packages");
const heaviest = weights
  .filter((w) => w.isCourse)
  .map((w) => ({ page: w.page, total: w.jsGzip + w.cssGzip, inAll: w.jsGzip + w.cssGzip + w.laterJsGzip }))
  .reduce((a, b) => (b.total > a.total ? b : a));

log("Page loads under mobile throttling (real Chromium)…");
const pageLoads = await pageLoadSection(ensureChromium());

log("PostgreSQL store: one and two servers on one database, exports from the table…");
const postgres = postgresSection(await postgresBench(quick, (message) => log(message)));

const verdict = (ok: boolean) => (ok ? "within budget" : "**over budget**");
const cpu = cpus()[0]?.model ?? "unknown";
const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();

const markdown = `# Benchmarks

Measured by \`npm run bench\` (add \`-- --quick\` for a shorter run, \`-- --only page-load\` or \`-- --only postgres\` for one part alone) on ${new Date().toISOString().slice(0, 10)}, commit ${commit}:
${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}. The load generator runs on the
same two cores as the server, as in CI. Budgets are those of [\`docs/DESIGN.md\`](docs/DESIGN.md).

## Acknowledgements over HTTP

\`POST /api/acknowledgements\` on the real built server (\`src/server/main.ts\`) with a journal of N records
already stored, 32 connections, every answer checked: after each run the journal holds exactly the
stored records plus every 2xx, and the chain verifies. Budget at 100,000 stored: at least 1,000 per
second, p99 at most 100 ms.

| stored | requests | 2xx per second | p50 | p99 | non-2xx | journal = stored + 2xx | chain | naive lowdb (per second) | vs naive | disk limit (per second) | share of disk limit |
| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |
${acks
  .map((a, i) => {
    const baseline = naive[i]?.perSecond ?? 0;
    return `| ${a.stored.toLocaleString("en-GB")} | ${a.requests} | ${a.perSecond} | ${a.p50} ms | ${a.p99} ms | ${a.non2xx + a.errors} | ${a.journalMatches ? "yes" : "**no**"} | ${a.chainValid ? "valid" : "**broken**"} | ${baseline.toFixed(1)} | ${(a.perSecond / baseline).toFixed(0)}× | ${Math.round(disk)} | ${((100 * a.perSecond) / disk).toFixed(1)}% |`;
  })
  .join("\n")}

${(() => {
  const last = acks.at(-1);
  return last
    ? `At ${last.stored.toLocaleString("en-GB")} stored: ${last.perSecond} per second (${verdict(last.perSecond >= 1000)}), p99 ${last.p99} ms (${verdict(last.p99 <= 100)}).`
    : "";
})()}

${signingSection(signing)}
## CSV export

\`npm run export -- --format csv --out FILE\` over a journal of N records (rows made by worker threads, a range of the journal each, written in order).
Budget: 1,000,000 in at most 10 s, memory bounded.

| records | seconds | peak memory (max RSS) |
| ---: | ---: | ---: |
${exports.map((e) => `| ${e.records.toLocaleString("en-GB")} | ${e.seconds.toFixed(2)} | ${e.peakMemoryMb} MB |`).join("\n")}

${scaleSection(scale, empty, acks[0], quick, unlimited)}

${pageLoads}
${postgres}
## Page weight (gzipped, level 9)

Budget: no JavaScript on the other pages; on the course and refresher pages, in the site and in each SCORM
build, JavaScript and CSS at most 90 KB (92,160 bytes) before the learner's first interaction and 110 KB
(112,640 bytes) in all, the later steps (result, acknowledgement, receipt) loading in a chunk of their own.
\`npm run build\` and \`npm run package\` fail when a page is over (src/integrations/sizeBudget.ts).
Reproduce: \`npm run bench\` (or build, then read the figures the build's size check logs).

| page | JavaScript | CSS | first load | bytes | later steps | in all | verdict |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${weights
  .map((w) => {
    const total = w.jsGzip + w.cssGzip;
    return `| ${w.page} | ${kb(w.jsGzip)} | ${kb(w.cssGzip)} | ${kb(total)} | ${total.toLocaleString("en-GB")} | ${kb(w.laterJsGzip)} | ${kb(total + w.laterJsGzip)} | ${verdict(!w.problem)} |`;
  })
  .join("\n")}

The heaviest course page loads ${heaviest.total.toLocaleString("en-GB")} bytes before the first interaction (${heaviest.page}),
${(COURSE_PAGE_BUDGET - heaviest.total).toLocaleString("en-GB")} bytes under the budget, and ${heaviest.inAll.toLocaleString("en-GB")} bytes in all: React 19's DOM client alone
is about 66 KB and xstate about 12 KB of it, so the course's own code and styles have little room, and any
addition to the first load has to be paid for.

## SCORM packages

Budget: each zip at most 500 KB.

| package | size |
| --- | ---: |
${zips.map((z) => `| ${z.name} | ${kb(z.bytes)} (${verdict(z.bytes <= PACKAGE_BUDGET)}) |`).join("\n")}

## Build and package time

From a warm install: \`npm run build\` ${buildSeconds.toFixed(1)} s, \`npm run package\` (both SCORM versions, four zips) ${packageSeconds.toFixed(1)} s;
together ${(buildSeconds + packageSeconds).toFixed(1)} s against a budget of 60 s.
`;
// Formatted as the repository's own Prettier settings would, so that format:check passes as written.
const prettierOptions = (await resolveConfig("BENCHMARKS.md")) ?? {};
writeFileSync("BENCHMARKS.md", await format(markdown, { ...prettierOptions, filepath: "BENCHMARKS.md" }));
log("Wrote BENCHMARKS.md.");
