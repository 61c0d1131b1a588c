import { existsSync, readFileSync } from "node:fs";
import { afterEach } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { dataDir } from "./records.ts";

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

/** The built server on a real port over the data folder `dir` (a new throwaway one by default), stopped after the test. */
export async function serveData(dir: string = dataDir(), env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  return stopAfterTest(await startServer({ AUP_DATA_DIR: dir, ...env }));
}

/** A server the test started itself, stopped after the test. */
export function stopAfterTest(server: RunningServer): RunningServer {
  running.push(server);
  return server;
}

/** The records in a data folder's journal, read straight from the file: what the server wrote. */
export function journalRecords(dir: string): AcknowledgementRecord[] {
  const file = dataFiles(dir).journal;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AcknowledgementRecord);
}
