import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { ARGS } from "../harness/chromium.ts";

export interface LighthouseFigures {
  url: string;
  /** Lighthouse's performance score, 0 to 100. */
  score: number;
  /** Lighthouse's accessibility score, 0 to 100. */
  accessibility: number;
  lcpMs: number;
  fcpMs: number;
  /** Total blocking time. */
  tbtMs: number;
  cls: number;
  /** What the page loaded, as Lighthouse counts it (total-byte-weight: bytes over the wire). */
  transferBytes: number;
  /** The performance score of every run, the median one's included. */
  scores: number[];
}

/** Runs per page: one run moves with whatever else the machine does, so the median run is reported, as Lighthouse advises. */
const RUNS = 3;

/**
 * Runs Lighthouse's performance and accessibility audits on `url` with its default mobile profile
 * (simulated slow 4G and a 4× slower CPU, Moto G Power screen) in the given Chromium, started here
 * with a debugging port for Lighthouse to drive and a throwaway profile, and reports the median run
 * (Lighthouse's own choice: the run whose first paint and interactive time are most central).
 */
export async function lighthouseFigures(url: string, chromiumPath: string): Promise<LighthouseFigures> {
  const profile = mkdtempSync(path.join(tmpdir(), "aup-lighthouse-"));
  const chromium = spawn(
    chromiumPath,
    [...ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  try {
    const port = await debuggingPort(chromium.stderr);
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await lighthouseRun(url, port));
    const lhr = medianRun(runs);
    const value = (audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;
    return {
      url,
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      lcpMs: Math.round(value("largest-contentful-paint")),
      fcpMs: Math.round(value("first-contentful-paint")),
      tbtMs: Math.round(value("total-blocking-time")),
      cls: Number(value("cumulative-layout-shift").toFixed(3)),
      transferBytes: Math.round(value("total-byte-weight")),
      scores: runs.map((run) => Math.round((run.categories.performance?.score ?? 0) * 100)),
    };
  } finally {
    chromium.kill();
    await new Promise((resolve) => (chromium.exitCode === null ? chromium.once("exit", resolve) : resolve(undefined)));
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

type Report = Awaited<ReturnType<typeof lighthouseRun>>;
// Its declaration names Lighthouse's global LH.Result, which the lint's type checker does not resolve.
const medianRun = computeMedianRun as unknown as (runs: Report[]) => Report;

async function lighthouseRun(url: string, port: number) {
  const result = await lighthouse(url, {
    port,
    onlyCategories: ["performance", "accessibility"],
    logLevel: "error",
    output: "json",
  });
  if (!result) throw new Error(`Lighthouse returned no result for ${url}.`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  return lhr;
}

/** The port Chromium chose, from the line it prints once it listens ("DevTools listening on ws://…"). */
function debuggingPort(stderr: NodeJS.ReadableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its debugging port:\n${text}`)), 20_000);
    stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
  });
}
