// The PostgreSQL store's budgets (src/budgets/postgresBudgets.ts): two server processes on one
// database, and a million records exported from it. `npm run bench -- --only postgres` runs it alone.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { dataFiles, DATA_FILE_NAMES } from "../../src/records/dataFiles.ts";
import { openTableRecords } from "../../src/records/pgStoredRecords.ts";
import { verifyLines } from "../../src/records/verifyLines.ts";
import { startPostgres, type RunningPostgres } from "../harness/postgres.ts";
import { startServer, type RunningServer } from "../harness/server.ts";
import { ackLoad, benchServerEnv, type AckLoad } from "./ackThroughput.ts";
import { seedJournal } from "./seedJournal.ts";

export interface ServersFigures {
  servers: number;
  requests: number;
  perSecond: number;
  /** The slower server's p50 and p99: a load balancer sends to both. */
  p50: number;
  p99: number;
  failed: number;
  /** Rows in the table after the run, against the 2xx answered, and whether the chain verifies. */
  tableMatches: boolean;
  chainValid: boolean;
}

export interface TableExportFigures {
  records: number;
  format: string;
  source: string;
  seconds: number;
  peakMemoryMb: number;
}

export interface PostgresFigures {
  servers: ServersFigures[];
  exports: TableExportFigures[];
  /** Seconds npm run migrate-store took to move the seeded journal into the database. */
  migrateSeconds: number;
}

async function createDatabase(cluster: RunningPostgres, name: string): Promise<string> {
  const client = new pg.Client(cluster.url);
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.href;
}

/** `count` servers on one new database, each with its own data folder holding the same keys. */
async function serversOnOneDatabase(url: string, count: number, work: string): Promise<RunningServer[]> {
  const dirs = Array.from({ length: count }, (_, n) => path.join(work, `server-${n}`));
  const first = await startServer({ ...benchServerEnv(dirs[0] as string), AUP_DATABASE_URL: url });
  const servers = [first];
  for (const dir of dirs.slice(1)) {
    mkdirSync(dir, { recursive: true });
    for (const file of [DATA_FILE_NAMES.signingKey, DATA_FILE_NAMES.publicKeys, DATA_FILE_NAMES.receiptSecret])
      copyFileSync(path.join(dirs[0] as string, file), path.join(dir, file));
    servers.push(await startServer({ ...benchServerEnv(dir), AUP_DATABASE_URL: url }));
  }
  return servers;
}

/** `amount` acknowledgements split over `count` servers at once (16 connections each), every 2xx then checked in the table. */
async function serversRun(cluster: RunningPostgres, count: number, amount: number, work: string) {
  const url = await createDatabase(cluster, `bench_servers_${count}`);
  const servers = await serversOnOneDatabase(url, count, work);
  // Warm-up on each server: the first requests pay for compilation.
  const warm = await Promise.all(servers.map((server, n) => ackLoad(server.url, 500, 16, `warm${n}x`)));
  const started = performance.now();
  const loads: AckLoad[] = await Promise.all(
    servers.map((server, n) => ackLoad(server.url, Math.round(amount / count), 16, `load${n}x`)),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(servers.map((server) => server.stop()));
  const ok = loads.reduce((sum, load) => sum + load.ok, 0);
  const table = await openTableRecords(url);
  let chainValid = true;
  let rows = 0;
  try {
    rows = (await verifyLines(table.where, table.lines(), { fix: table.fix })).head.count;
  } catch {
    chainValid = false;
  } finally {
    await table.close();
  }
  return {
    servers: count,
    requests: loads.reduce((sum, load) => sum + load.requests, 0),
    perSecond: Math.round(ok / seconds),
    p50: Math.max(...loads.map((load) => load.p50)),
    p99: Math.max(...loads.map((load) => load.p99)),
    failed: loads.reduce((sum, load) => sum + load.non2xx + load.errors, 0),
    tableMatches: rows === ok + warm.reduce((sum, load) => sum + load.ok, 0),
    chainValid,
  };
}

/** One CLI run with its wall time and peak memory (scripts/bench/reportUsage.ts). */
function timedCli(args: string[], env: NodeJS.ProcessEnv): { seconds: number; peakMemoryMb: number } {
  const run = spawnSync(process.execPath, ["--import", path.resolve("scripts/bench/reportUsage.ts"), ...args], {
    env: { ...process.env, AUP_DATABASE_URL: "", ...env },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const figures = /\{"seconds".*\}/.exec(run.stderr)?.[0];
  if (run.status !== 0 || !figures) throw new Error(`${args.join(" ")} failed: ${run.stdout}${run.stderr}`);
  const { seconds, maxRss } = JSON.parse(figures) as { seconds: number; maxRss: number };
  return { seconds, peakMemoryMb: Math.round(maxRss / 1024) };
}

/**
 * A journal of `count` seeded records moved into a database with npm run migrate-store, then
 * exported from the table (jsonl and csv) and, as the baseline, from the data folder.
 */
function exportsRun(url: string, count: number, work: string) {
  const dir = path.join(work, "exported");
  mkdirSync(dir, { recursive: true });
  seedJournal(dataFiles(dir).journal, count);
  const migrate = timedCli(["scripts/migrateStore.ts", "--to", url], { AUP_DATA_DIR: dir });
  const exports: TableExportFigures[] = [];
  for (const format of ["jsonl", "csv"])
    for (const [source, env] of [
      ["PostgreSQL", { AUP_DATABASE_URL: url, AUP_DATA_DIR: dir }],
      ["data folder", { AUP_DATA_DIR: dir }],
    ] as const) {
      const out = path.join(work, `export-${exports.length}.${format}`);
      const timed = timedCli(["scripts/export.ts", "--format", format, "--out", out], env);
      rmSync(out, { force: true });
      exports.push({ records: count, format, source, ...timed });
    }
  return { exports, migrateSeconds: migrate.seconds };
}

export async function postgresBench(quick: boolean, log: (message: string) => void): Promise<PostgresFigures> {
  const cluster = await startPostgres();
  const work = mkdtempSync(path.join(tmpdir(), "aup-bench-pg-"));
  try {
    const amount = quick ? 4000 : 20_000;
    const servers: ServersFigures[] = [];
    for (const count of [1, 2]) {
      servers.push(await serversRun(cluster, count, amount, work));
      log(`  ${count} server(s): ${servers.at(-1)?.perSecond}/s, p99 ${servers.at(-1)?.p99} ms`);
    }
    const records = quick ? 100_000 : 1_000_000;
    const url = await createDatabase(cluster, "bench_export");
    const { exports, migrateSeconds } = exportsRun(url, records, work);
    for (const e of exports)
      log(`  export ${e.format} from ${e.source}: ${e.seconds.toFixed(1)} s, ${e.peakMemoryMb} MB`);
    return { servers, exports, migrateSeconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
    cluster.stop();
  }
}
