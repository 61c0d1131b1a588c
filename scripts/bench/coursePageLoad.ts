import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser } from "../harness/chromium.ts";
import { startServer } from "../harness/server.ts";
import { lighthouseFigures, type LighthouseFigures } from "./lighthouseScore.ts";

/**
 * Lighthouse's mobile profile, applied through DevTools rather than simulated afterwards: a slow 4G
 * link (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) and a CPU four times slower than this one.
 */
const MOBILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

export interface PageLoad {
  url: string;
  /** Largest contentful paint, from the page's own PerformanceObserver, in ms after navigation start. */
  lcpMs: number;
  /** Bytes over the wire for every request of the load (headers and compressed bodies). */
  transferBytes: number;
  requests: number;
}

/**
 * Loads `url` once in real headless Chromium under mobile throttling, with a cold cache, and reads
 * the largest contentful paint and what went over the wire (DevTools' encodedDataLength).
 */
export async function throttledPageLoad(url: string, chromiumPath: string): Promise<PageLoad> {
  const browser = await launchBrowser(chromiumPath);
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 412, height: 823 }); // Lighthouse's mobile screen (Moto G Power)
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...MOBILE });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    let transferBytes = 0;
    let requests = 0;
    cdp.on("Network.loadingFinished", ({ encodedDataLength }) => {
      transferBytes += encodedDataLength;
      requests += 1;
    });
    await page.addInitScript(() => {
      (window as unknown as { __lcp: number }).__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { __lcp: number }).__lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // LCP is final at the first input; until then, give late paints (the island's render) a moment.
    await page.waitForTimeout(1000);
    const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
    return { url, lcpMs: Math.round(lcpMs), transferBytes, requests };
  } finally {
    await browser.close();
  }
}

const PAGES = ["/course", "/refresher", "/", "/policy", "/verify"];
/** The pages Lighthouse scores: those whose first screen the island takes over. */
const SCORED = ["/course", "/refresher"];
/** docs/DESIGN.md's goal for the course page. */
const PERFORMANCE_GOAL = 98;

/**
 * The BENCHMARKS.md section: each page loaded once on the real built server under mobile throttling
 * (the course page is the one the Lighthouse budget is about), with what it sent over the wire.
 */
export async function pageLoadSection(chromiumPath: string): Promise<string> {
  const data = mkdtempSync(path.join(tmpdir(), "aup-bench-pages-"));
  const server = await startServer({ AUP_DATA_DIR: data, AUP_ADMIN_TOKEN: "bench-page-load-admin-token-0123456789" });
  const loads: PageLoad[] = [];
  const scores: LighthouseFigures[] = [];
  try {
    for (const page of PAGES) loads.push(await throttledPageLoad(`${server.url}${page}`, chromiumPath));
    for (const page of SCORED) scores.push(await lighthouseFigures(`${server.url}${page}`, chromiumPath));
  } finally {
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  }
  return `## Page loads (mobile throttling, real Chromium)

Each page loaded once, cold cache, in headless Chromium with DevTools' throttling at Lighthouse's mobile
profile (150 ms round trip, 1.6 Mbit/s down, CPU slowed 4×): largest contentful paint from the page's own
PerformanceObserver, bytes over the wire as DevTools counts them (headers and compressed bodies, brotli).
Throttling is applied, not simulated as Lighthouse does, so the paint times are comparable with each other
rather than with a Lighthouse score; the scores come from Lighthouse itself, below.

| page | largest contentful paint | over the wire | requests |
| --- | ---: | ---: | ---: |
${loads.map((load) => `| ${new URL(load.url).pathname} | ${load.lcpMs} ms | ${load.transferBytes.toLocaleString("en-GB")} bytes | ${load.requests} |`).join("\n")}

### Lighthouse (${lighthouseVersion()}, mobile, simulated throttling)

Lighthouse's own performance and accessibility audits on the same server, in the same Chromium, with its
default mobile profile (simulated slow 4G, CPU 4× slower, Moto G Power screen): three runs per page, the
median run reported (Lighthouse's own pick), with the three performance scores beside it. Goal
(docs/DESIGN.md): performance at least ${PERFORMANCE_GOAL}, accessibility 100, on the course page.

| page | performance | runs | accessibility | largest contentful paint | first contentful paint | total blocking time | layout shift | transfer size | verdict |
| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${scores.map((s) => `| ${new URL(s.url).pathname} | ${s.score} | ${s.scores.join(", ")} | ${s.accessibility} | ${s.lcpMs} ms | ${s.fcpMs} ms | ${s.tbtMs} ms | ${s.cls} | ${s.transferBytes.toLocaleString("en-GB")} bytes | ${s.score >= PERFORMANCE_GOAL && s.accessibility === 100 ? "goal met" : "**under the goal**"} |`).join("\n")}
`;
}

function lighthouseVersion(): string {
  const { version } = createRequire(import.meta.url)("lighthouse/package.json") as { version: string };
  return `Lighthouse ${version}`;
}
