import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { seedJournal } from "./seedJournal.ts";

export interface ExportFigures {
  records: number;
  seconds: number;
  peakMemoryMb: number;
}

/** `npm run export -- --format csv` over a journal of `count` records: wall time and peak memory (max RSS). */
export function exportTiming(count: number): ExportFigures {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-export-"));
  seedJournal(dataFiles(dir).journal, count);
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      path.resolve("scripts/bench/reportUsage.ts"),
      "scripts/export.ts",
      "--format",
      "csv",
      "--out",
      path.join(dir, "out.csv"),
    ],
    { env: { ...process.env, AUP_DATA_DIR: dir }, encoding: "utf8" },
  );
  rmSync(dir, { recursive: true, force: true });
  const figures = /\{"seconds".*\}/.exec(run.stderr)?.[0];
  if (run.status !== 0 || !figures) throw new Error(`The export failed: ${run.stderr}`);
  const { seconds, maxRss } = JSON.parse(figures) as { seconds: number; maxRss: number };
  return { records: count, seconds, peakMemoryMb: Math.round(maxRss / 1024) };
}
