import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SCALE_EMPLOYEES } from "../../src/budgets/scaleBudgets.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { MemoryLimit } from "../harness/memoryLimit.ts";
import { hasExited, startServer, type RunningServer } from "../harness/server.ts";
import { ackLoad, BENCH_ADMIN_TOKEN, benchServerEnv, type AckLoad } from "./ackThroughput.ts";
import { importRosterOverHttp, pageTiming, signIn, type PageTiming } from "./dashboardTiming.ts";
import { checkJournal } from "./journalCheck.ts";
import { processMemory } from "./processMemory.ts";
import { seedJournal, type SeedFigures } from "./seedJournal.ts";
import { syntheticRosterCsv } from "./syntheticRoster.ts";
import { readThroughSeconds, verifyTiming, type VerifyFigures } from "./verifyTiming.ts";

// The scale part of `npm run bench` ("Records for years"): a journal of N realistic records on disk,
// then, through public interfaces only (the CLI and the built server over HTTP), npm run verify, the
// server's start and memory, the HR dashboard with the synthetic roster, and acknowledgements.

/** Long enough to measure a start far over its 30 s budget rather than give up on it. */
const START_LIMIT_SECONDS = 600;
const DASHBOARD_REQUESTS = 20;
/**
 * The dashboard's pages measured: everyone, a filtered list and a search. The filter is one that
 * matches employees at every size (at 1,000,000 records everyone is up to date, so an overdue
 * filter would time an empty table).
 */
const DASHBOARD_PAGES = ["/admin", "/admin?status=complete&department=Finance", "/admin?q=e-0012"];
const ACK_WARM_UP = 500;
const ACK_CONNECTIONS = 32;

export interface StartFigures {
  records: number;
  /** From spawn to "Server listening"; undefined when it did not listen. */
  seconds?: number;
  /** VmRSS and VmHWM just after it listens. */
  residentBytes?: number;
  peakBytes?: number;
  /** Why it did not start: the server's own words. */
  failure?: string;
}

export interface ScaleAcks extends AckLoad {
  /** 2xx of the warm-up before the measured run (records too). */
  warmUpOk: number;
  /** After the run: the journal holds the seeded records, the warm-up's and every 2xx; the chain holds. */
  journalMatches?: boolean;
  chainProblem?: string;
}

export interface ScaleRun {
  records: number;
  seed: SeedFigures;
  readThroughSeconds: number;
  verify: VerifyFigures;
  /** The first start on the journal: no saved index yet (a data folder from before it, or an index lost), so every record is read and checked, and the index is saved. */
  firstStart: StartFigures;
  /** A start with the index the first one saved: every start after the first. The budget's. */
  start: StartFigures;
  rosterImportSeconds?: number;
  /** The dashboard (unfiltered, then filtered) with the roster; the sign-in page as the rendering floor. */
  dashboard: PageTiming[];
  signInPage?: PageTiming;
  acks?: ScaleAcks;
  /** The server's VmHWM when the run ends (after the dashboard and the acknowledgements). */
  peakBytes?: number;
  /** Steps that failed once the server had started, with what they answered. */
  failures: string[];
}

/** The server's start on an empty data folder: its fixed cost, the reference for the starts below. */
export async function emptyStart(limit: MemoryLimit | undefined): Promise<StartFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-scale-"));
  try {
    const { figures, server } = await timedStart(dir, 0, limit);
    await server?.stop();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One scale run at `records` stored (generated under the OS temp folder and removed afterwards);
 * `ackAmount` acknowledgements at that size, or none. Every server runs in `limit` when there is
 * one. Nothing here throws for a failed budget: a server that cannot start, or a page that errs, is
 * reported in the figures with its message.
 */
export async function scaleRun(
  records: number,
  ackAmount: number,
  limit: MemoryLimit | undefined,
  log: (message: string) => void,
): Promise<ScaleRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-scale-"));
  try {
    const seed = seedJournal(dataFiles(dir).journal, records);
    log(
      `  seeded ${records.toLocaleString("en-GB")} records (${gigabytes(seed.bytes)}) in ${seed.seconds.toFixed(1)} s`,
    );
    const readThrough = await readThroughSeconds(dir);
    const verify = await verifyTiming(dir);
    log(
      `  npm run verify: ${verify.seconds.toFixed(1)} s${verify.failure ? ` (failed: ${firstLine(verify.failure)})` : ""}`,
    );
    const first = await timedStart(dir, records, limit);
    log(`  first start (no saved index): ${startSaid(first.figures)}`);
    await first.server?.stop(); // saves the index
    const { figures: start, server } = first.server ? await timedStart(dir, records, limit) : first;
    log(`  start with the saved index: ${startSaid(start)}`);
    const run: ScaleRun = {
      records,
      seed,
      readThroughSeconds: readThrough,
      verify,
      firstStart: first.figures,
      start,
      dashboard: [],
      failures: [],
    };
    if (!server) return run;
    try {
      await onRunningServer(run, server, ackAmount, log);
    } finally {
      await server.stop();
    }
    if (run.acks) {
      const journal = await checkJournal(dataFiles(dir).journal);
      run.acks.journalMatches = journal.records === records + run.acks.warmUpOk + run.acks.ok;
      run.acks.chainProblem = journal.problem;
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The dashboard and the acknowledgements on the started server; a step that fails is reported, not thrown. */
async function onRunningServer(
  run: ScaleRun,
  server: RunningServer,
  ackAmount: number,
  log: (message: string) => void,
): Promise<void> {
  const step = async (name: string, work: () => Promise<void>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (error) {
      run.failures.push(`${name}: ${(error as Error).message}`);
      log(`  ${name} failed: ${firstLine((error as Error).message)}`);
      return false;
    }
  };
  const imported = await step("roster import", async () => {
    const started = performance.now();
    await importRosterOverHttp(server.url, BENCH_ADMIN_TOKEN, syntheticRosterCsv(SCALE_EMPLOYEES));
    run.rosterImportSeconds = (performance.now() - started) / 1000;
  });
  // Without the roster the dashboard would be measured empty: better no figure than a flattering one.
  if (imported)
    await step("dashboard", async () => {
      const cookie = await signIn(server.url, BENCH_ADMIN_TOKEN);
      run.signInPage = await pageTiming(server.url, "/admin/sign-in", "", DASHBOARD_REQUESTS);
      for (const page of DASHBOARD_PAGES) {
        run.dashboard.push(await pageTiming(server.url, page, cookie, DASHBOARD_REQUESTS));
        log(`  GET ${page}: median ${run.dashboard.at(-1)?.medianMs.toFixed(0)} ms`);
      }
    });
  if (ackAmount)
    await step("acknowledgements", async () => {
      // The first requests pay for compiling the route: a warm-up, counted in the journal check.
      const warmUp = await ackLoad(server.url, ACK_WARM_UP, ACK_CONNECTIONS, "warm");
      run.acks = { ...(await ackLoad(server.url, ackAmount, ACK_CONNECTIONS, "scale")), warmUpOk: warmUp.ok };
      log(`  acknowledgements: ${run.acks.perSecond}/s, p99 ${run.acks.p99} ms`);
    });
  if (server.process.pid && !hasExited(server.process)) run.peakBytes = processMemory(server.process.pid).peakBytes;
  else
    run.failures.push(
      `the server: it exited during the run${server.process.signalCode === "SIGKILL" ? " (killed: SIGKILL, what the kernel does to a process over its memory limit)" : ""} (see the failures above)`,
    );
}

async function timedStart(
  dir: string,
  records: number,
  limit: MemoryLimit | undefined,
): Promise<{ figures: StartFigures; server?: RunningServer }> {
  const started = performance.now();
  try {
    const server = await startServer(benchServerEnv(dir), {
      startSeconds: START_LIMIT_SECONDS,
      cgroupProcs: limit?.procsFile,
    });
    const seconds = (performance.now() - started) / 1000;
    const memory = server.process.pid ? processMemory(server.process.pid) : undefined;
    return {
      figures: { records, seconds, residentBytes: memory?.residentBytes, peakBytes: memory?.peakBytes },
      server,
    };
  } catch (error) {
    return { figures: { records, failure: serverMessage((error as Error).message) } };
  }
}

/** The server's own reason from the harness's error ("… Output:" and what it printed), without a stack trace. */
function serverMessage(message: string): string {
  const output = message.split("Output:\n")[1] ?? message;
  const said = output.split("\n").find((line) => /cannot start|Error|error/.test(line));
  return `${message.split(" Output:")[0]} ${(said ?? output).trim()}`.trim();
}

const startSaid = (start: StartFigures) =>
  start.seconds !== undefined ? `${start.seconds.toFixed(1)} s` : `failed (${firstLine(start.failure ?? "")})`;
const firstLine = (text: string) => text.split("\n")[0] ?? "";
export const gigabytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
