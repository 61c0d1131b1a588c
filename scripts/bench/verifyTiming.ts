import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import path from "node:path";
import { dataFiles } from "../../src/records/dataFiles.ts";

export interface VerifyFigures {
  seconds: number;
  peakMemoryBytes: number;
  /** The records npm run verify reported as a valid chain; undefined when it did not. */
  validRecords?: number;
  /** What it said when it did not report a valid chain (exit code and output). */
  failure?: string;
}

/** `npm run verify` of the data folder `dir`, as a separate process: wall time, peak memory (max RSS), its verdict. */
export async function verifyTiming(dir: string): Promise<VerifyFigures> {
  const child = spawn(
    process.execPath,
    ["--import", path.resolve("scripts/bench/reportUsage.ts"), "scripts/verify.ts"],
    { env: { ...process.env, AUP_DATA_DIR: dir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  // reportUsage prints on exit, even after an uncaught error; not when the kernel kills the process.
  const usage = /\{"seconds".*\}/.exec(stderr)?.[0];
  const { seconds, maxRss } = usage
    ? (JSON.parse(usage) as { seconds: number; maxRss: number })
    : { seconds: Number.NaN, maxRss: Number.NaN };
  const valid = /: (\d+) records, chain valid/.exec(stdout);
  return {
    seconds,
    peakMemoryBytes: maxRss * 1024,
    validRecords: code === 0 && valid?.[1] ? Number(valid[1]) : undefined,
    failure:
      code === 0 && valid
        ? undefined
        : `exit ${code ?? "by signal"}: ${`${stdout}${stderr.replace(usage ?? "", "")}`.trim()}`,
  };
}

/** The reference for verify: reading the journal once from disk (page cache) and counting its lines, nothing else. */
export async function readThroughSeconds(dir: string): Promise<number> {
  const started = performance.now();
  let lines = 0;
  for await (const chunk of createReadStream(dataFiles(dir).journal, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>)
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  if (lines === 0) throw new Error(`${dataFiles(dir).journal} is empty: nothing to read through.`);
  return (performance.now() - started) / 1000;
}
