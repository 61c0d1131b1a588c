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
import { SCALE_RECORDS, START_MEMORY_BYTES } from "../../src/budgets/scaleBudgets.ts";
import { packagesSection, pageWeightSection } from "./pageWeight.ts";
import { verdict } from "./verdict.ts";
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

log("Page loads under mobile throttling (real Chromium)…");
const pageLoads = await pageLoadSection(ensureChromium());

log("PostgreSQL store: one and two servers on one database, exports from the table…");
const postgres = postgresSection(await postgresBench(quick, (message) => log(message)));

const cpu = cpus()[0]?.model ?? "unknown";
const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();

const markdown = `# Benchmarks

Measured by \`npm run bench\` (add \`-- --quick\` for a shorter run, \`-- --only PART\` for one part alone: page-load, page-weight, packages or postgres) on ${new Date().toISOString().slice(0, 10)}, commit ${commit}:
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
${pageWeightSection()}
${packagesSection()}
## Build and package time

From a warm install: \`npm run build\` ${buildSeconds.toFixed(1)} s, \`npm run package\` (both SCORM versions, four zips) ${packageSeconds.toFixed(1)} s;
together ${(buildSeconds + packageSeconds).toFixed(1)} s against a budget of 60 s.
`;
// Formatted as the repository's own Prettier settings would, so that format:check passes as written.
const prettierOptions = (await resolveConfig("BENCHMARKS.md")) ?? {};
writeFileSync("BENCHMARKS.md", await format(markdown, { ...prettierOptions, filepath: "BENCHMARKS.md" }));
log("Wrote BENCHMARKS.md.");
