import {
  ACK_P99_MS,
  ACK_PER_SECOND,
  DASHBOARD_MAX_ROWS,
  DASHBOARD_SECONDS,
  SCALE_EMPLOYEES,
  SCALE_RECORDS,
  START_MEMORY_BYTES,
  START_SECONDS,
  VERIFY_MEMORY_BYTES,
  VERIFY_SECONDS,
} from "../../src/budgets/scaleBudgets.ts";
import { SAVE_INDEX_EVERY } from "../../src/records/recordsStore.ts";
import type { AckFigures } from "./ackThroughput.ts";
import { gigabytes, type ScaleRun, type StartFigures } from "./scale.ts";

const n = (count: number) => count.toLocaleString("en-GB");
const mb = (bytes: number | undefined) => (bytes === undefined ? "–" : `${Math.round(bytes / 1024 ** 2)} MB`);
/** A budget in memory, as the issue writes it (1 GB). */
const gb = (bytes: number) => `${bytes / 1024 ** 3} GB`;
const pass = (ok: boolean) => (ok ? "pass" : "**fail**");
/** A message in a table cell: one line, no column breaks. */
const cell = (text: string) => text.replace(/\s+/g, " ").replaceAll("|", "\\|").slice(0, 400);

/** The scale section of BENCHMARKS.md: each figure against its budget (src/budgets/scaleBudgets.ts). */
export function scaleSection(
  runs: readonly ScaleRun[],
  empty: StartFigures,
  ackReference: AckFigures | undefined,
  quick: boolean,
  /** Why the servers could not be given the budget's memory limit, when they could not. */
  unlimited: string | undefined,
): string {
  const largest = runs.at(-1)?.records ?? 0;
  return `## Records for years (scale)

Journals of realistic records generated on disk (\`scripts/bench/seedJournal.ts\`: each record the fixtures' full onboarding
result of the shipped course, about 3.5 KB, chained with the store's hash), belonging to the ${n(SCALE_EMPLOYEES)} employees of a
synthetic roster (\`scripts/bench/syntheticRoster.ts\`, imported through \`POST /api/admin/roster\`), over two years: each
employee's first record is their onboarding, the later ones refreshers. Everything is measured through public
interfaces: \`npm run verify\` as a separate process, the built server (\`node src/server/main.ts\`, \`AUP_ACK_RATE_LIMIT=0\`)
over HTTP, its memory from \`/proc/<pid>/status\`. Budgets: [\`src/budgets/scaleBudgets.ts\`](src/budgets/scaleBudgets.ts),
which hold at ${n(SCALE_RECORDS)} records and so at fewer too.
Reproduce: \`npm run bench\` (${n(100_000)} and ${n(SCALE_RECORDS)} records, acknowledgements at ${n(SCALE_RECORDS)}; tens of minutes,
about 4 GB of disk under the OS temp folder, removed afterwards) or \`npm run bench -- --quick\` (${n(100_000)} only).${
    quick
      ? `\n\n**This is a \`--quick\` run: nothing was measured at ${n(SCALE_RECORDS)} records, and the acknowledgements ran at ${n(largest)} stored.**`
      : ""
  }

### Seeding the journal

| records | size | seconds | records per second |
| ---: | ---: | ---: | ---: |
${runs.map((r) => `| ${n(r.records)} | ${gigabytes(r.seed.bytes)} | ${r.seed.seconds.toFixed(1)} | ${n(Math.round(r.records / r.seed.seconds))} |`).join("\n")}

### Server start

From spawn to "Server listening"; memory just after (resident, and peak resident since the start), and the peak at the
end of the run (after the dashboard and the acknowledgements below). ${
    unlimited
      ? `**No memory limit could be set (${cell(unlimited)}):** the servers ran with a heap sized for the whole machine, which V8 lets fill with garbage before it collects, so the memory figures are higher than a limited server's.`
      : `Every server of this section (and so the dashboard and acknowledgement figures below) runs in a memory limit of ${gb(START_MEMORY_BYTES)}, a Linux control group (\`scripts/harness/memoryLimit.ts\`), as in a container given that much: Node sizes its heap from the limit (\`process.constrainedMemory()\`). Without one, V8 sizes the heap for the whole machine and lets it fill with garbage before it collects: resident memory then grows with the load, not with the records.`
  } Budget: at most ${START_SECONDS} s, resident memory under
${gb(START_MEMORY_BYTES)}, for a start with the saved index (\`acknowledgements.index\`, written at every stop and every
${n(SAVE_INDEX_EVERY)} records), which is every start but the first. The first start on a journal without one (a data folder from
before the index, or an index deleted) reads and checks every record and then saves the index: shown for what it costs,
once. The reference is the start on an empty data folder, the server's fixed cost.

| records | start | seconds | vs empty | resident | peak after start | peak at end | start ≤ ${START_SECONDS} s | memory < ${gb(START_MEMORY_BYTES)} | the server said |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |
${[
  { start: empty, peakBytes: empty.peakBytes, kind: "empty data folder", budget: true },
  ...runs.flatMap((r) => [
    { start: r.firstStart, peakBytes: undefined, kind: "first (builds the index)", budget: false },
    { start: r.start, peakBytes: r.peakBytes, kind: "with the saved index", budget: true },
  ]),
]
  .map(({ start, peakBytes, kind, budget }) => {
    if (start.seconds === undefined)
      return `| ${n(start.records)} | ${kind} | did not start | – | – | – | – | **fail** | **fail** | ${cell(start.failure ?? "")} |`;
    const peak = Math.max(start.peakBytes ?? 0, peakBytes ?? 0);
    const ratio = empty.seconds ? `${(start.seconds / empty.seconds).toFixed(1)}×` : "–";
    const judged = (ok: boolean) => (budget ? pass(ok) : ok ? "within" : "over (once)");
    return `| ${n(start.records)} | ${kind} | ${start.seconds.toFixed(2)} | ${ratio} | ${mb(start.residentBytes)} | ${mb(start.peakBytes)} | ${peakBytes === undefined ? "–" : mb(peakBytes)} | ${judged(start.seconds <= START_SECONDS)} | ${judged(peak < START_MEMORY_BYTES)} | listening |`;
  })
  .join("\n")}

### \`npm run verify\`

Wall time and peak memory (max RSS) of \`node scripts/verify.ts\` on the seeded journal. Budget: at most ${VERIFY_SECONDS} s,
bounded memory (under ${gb(VERIFY_MEMORY_BYTES)}). The reference is reading the file once and counting its lines, nothing else.

| records | seconds | reference (read once) | vs reference | peak memory | time ≤ ${VERIFY_SECONDS} s | memory < ${gb(VERIFY_MEMORY_BYTES)} | verify said |
| ---: | ---: | ---: | ---: | ---: | --- | --- | --- |
${runs
  .map(({ records, verify, readThroughSeconds }) => {
    const ok = verify.validRecords === records;
    const said = ok ? `${n(records)} records, chain valid` : cell(verify.failure ?? `${verify.validRecords} records`);
    const seconds = Number.isFinite(verify.seconds) ? `${verify.seconds.toFixed(1)}` : "–";
    const ratio = Number.isFinite(verify.seconds) ? `${(verify.seconds / readThroughSeconds).toFixed(1)}×` : "–";
    return `| ${n(records)} | ${seconds} | ${readThroughSeconds.toFixed(1)} s | ${ratio} | ${mb(verify.peakMemoryBytes)} | ${pass(ok && verify.seconds <= VERIFY_SECONDS)} | ${pass(ok && verify.peakMemoryBytes < VERIFY_MEMORY_BYTES)} | ${said} |`;
  })
  .join("\n")}

### HR dashboard

\`GET /admin\` signed in (the sign-in form's session), with ${n(SCALE_EMPLOYEES)} employees in the roster: ${runs.find((r) => r.dashboard.length)?.dashboard[0]?.requests ?? "no"} requests
one after another after one untimed, time to the whole page. Budget: at most ${DASHBOARD_SECONDS * 1000} ms, and a page of rows, not the
roster (at most ${n(DASHBOARD_MAX_ROWS)} employees named in the answer, by id or email). The reference is the sign-in page, a
server-rendered page without data.

| records | page | median | p95 | bytes | employees named | time ≤ ${DASHBOARD_SECONDS * 1000} ms | paged | sign-in page (median) |
| ---: | --- | ---: | ---: | ---: | ---: | --- | --- | ---: |
${runs
  .flatMap((r) => {
    if (!r.dashboard.length)
      return [
        `| ${n(r.records)} | \`/admin\` | not measured | – | – | – | **fail** | **fail** | ${cell(r.start.failure ? "the server did not start" : r.failures.join("; ") || "–")} |`,
      ];
    return r.dashboard.map(
      (d) =>
        `| ${n(r.records)} | \`${d.path}\` | ${d.medianMs.toFixed(0)} ms | ${d.p95Ms.toFixed(0)} ms | ${n(d.bytes)} | ${n(d.employeesShown)} | ${pass(d.p95Ms <= DASHBOARD_SECONDS * 1000)} | ${pass(d.employeesShown > 0 && d.employeesShown <= DASHBOARD_MAX_ROWS)} | ${r.signInPage ? `${r.signInPage.medianMs.toFixed(0)} ms` : "–"} |`,
    );
  })
  .join("\n")}

### Acknowledgements with years of records stored

\`POST /api/acknowledgements\`, 32 connections, after a warm-up of 500; afterwards the journal (checked streamed, by the
benchmark itself) holds the seeded records, the warm-up's and every 2xx, and the chain verifies. Budget: at least
${n(ACK_PER_SECOND)} per second, p99 at most ${ACK_P99_MS} ms. The reference is the same load on an empty journal (the first table above, this run).

| stored | requests | 2xx per second | p50 | p99 | non-2xx | journal = stored + 2xx | chain | vs empty journal | throughput | p99 |
| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- | --- |
${runs
  .filter((r) => r === runs.at(-1))
  .map(({ records, acks, start, failures }) => {
    if (!acks)
      return `| ${n(records)} | not measured: ${cell(start.failure ? "the server did not start" : failures.join("; ") || "no load was run")} | – | – | – | – | – | – | – | **fail** | **fail** |`;
    const ratio = ackReference?.perSecond ? `${((100 * acks.perSecond) / ackReference.perSecond).toFixed(0)}%` : "–";
    // The budget counts durable acknowledgements only: a 2xx missing from the journal is a failure.
    const durable = acks.journalMatches === true && !acks.chainProblem;
    return `| ${n(records)} | ${acks.requests} | ${acks.perSecond} | ${acks.p50} ms | ${acks.p99} ms | ${acks.non2xx + acks.errors} | ${acks.journalMatches ? "yes" : "**no**"} | ${acks.chainProblem ? `**broken**: ${cell(acks.chainProblem)}` : "valid"} | ${ratio} | ${pass(acks.perSecond >= ACK_PER_SECOND && durable)} | ${pass(acks.p99 <= ACK_P99_MS)} |`;
  })
  .join("\n")}
${
  runs.some((r) => r.failures.length)
    ? `\nWhat failed once the server was up:\n\n${runs.flatMap((r) => r.failures.map((f) => `- at ${n(r.records)} records: ${cell(f)}`)).join("\n")}\n`
    : ""
}`;
}
