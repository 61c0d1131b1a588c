import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { validBody } from "../harness/acknowledgementBody.ts";
import { startServer } from "../harness/server.ts";
import { checkJournal } from "./journalCheck.ts";
import { seedJournal } from "./seedJournal.ts";

export interface AckLoad {
  requests: number;
  /** Answers 2xx: each one is a record that must now be in the journal. */
  ok: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface AckFigures extends Omit<AckLoad, "ok"> {
  stored: number;
  /** Records in the journal after the run, and whether the chain holds. */
  journalMatches: boolean;
  chainValid: boolean;
}

export const BENCH_ADMIN_TOKEN = "bench-admin-token-0123456789";

/** The environment of every server the benchmarks start: its data folder, a known admin token, no rate limit. */
export function benchServerEnv(dir: string): NodeJS.ProcessEnv {
  return { AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN, AUP_ACK_RATE_LIMIT: "0" };
}

/**
 * Acknowledgements over HTTP against the real built server, with `stored` records already in its
 * journal: a load generator (autocannon) sends `amount` unique, valid acknowledgements (a fixed
 * count, not a duration, so that every answer is counted and checked against the journal).
 */
export async function ackThroughput(stored: number, amount: number, connections: number): Promise<AckFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-bench-"));
  try {
    seedJournal(dataFiles(dir).journal, stored);
    const server = await startServer(benchServerEnv(dir));
    const { ok, ...load } = await ackLoad(server.url, amount, connections, "bench");
    await server.stop();
    const journal = await checkJournal(dataFiles(dir).journal);
    return {
      stored,
      ...load,
      journalMatches: journal.records === stored + ok,
      chainValid: journal.problem === undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `amount` acknowledgements, each a realistic body with its own attempt id (`prefix` and a counter:
 * give every load on one server its own prefix, or the later ones are answered as repeats).
 */
export async function ackLoad(url: string, amount: number, connections: number, prefix: string): Promise<AckLoad> {
  let n = 0;
  const body = () => JSON.stringify(validBody(`${prefix}${(n++).toString(36).padStart(8, "0")}`, "Bench Learner"));
  // autocannon notices the last answer only at its next one-second tick, so its own duration is
  // rounded up to whole seconds: time from the start to the last answer instead.
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: `${url}/api/acknowledgements`,
    method: "POST",
    headers: { "content-type": "application/json" },
    connections,
    amount,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    requests: result.requests.total,
    ok,
    perSecond: Math.round(ok / ((lastAnswer - started) / 1000)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
