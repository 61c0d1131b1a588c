import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { verifyChain } from "../../src/records/chain.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { parseJournal } from "../../src/records/journal.ts";
import { validBody } from "../harness/acknowledgementBody.ts";
import { startServer } from "../harness/server.ts";
import { seedJournal } from "./seedJournal.ts";

export interface AckFigures {
  stored: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Records in the journal after the run, and whether the chain holds. */
  journalMatches: boolean;
  chainValid: boolean;
}

/**
 * Acknowledgements over HTTP against the real built server, with `stored` records already in its
 * journal: a load generator (autocannon) sends `amount` unique, valid acknowledgements (a fixed
 * count, not a duration, so that every answer is counted and checked against the journal).
 */
export async function ackThroughput(stored: number, amount: number, connections: number): Promise<AckFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-bench-"));
  seedJournal(dataFiles(dir).journal, stored);
  // The rate limit off: every request comes from this one address, and throughput is what is measured.
  const server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: "bench", AUP_ACK_RATE_LIMIT: "0" });
  let n = 0;
  const body = () => JSON.stringify(validBody(`bench${(n++).toString(36).padStart(8, "0")}`, "Bench Learner"));
  const result = await autocannon({
    url: `${server.url}/api/acknowledgements`,
    method: "POST",
    headers: { "content-type": "application/json" },
    connections,
    amount,
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  await server.stop();
  const { records } = parseJournal("journal", readFileSync(dataFiles(dir).journal, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  const ok = result["2xx"];
  return {
    stored,
    requests: result.requests.total,
    perSecond: Math.round(ok / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    journalMatches: records.length === stored + ok,
    chainValid: verifyChain(records) === undefined,
  };
}
