import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ChainCheck } from "../../src/records/chain.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { journalBatches } from "../../src/records/journalReader.ts";
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
  // Read back as a stream, as npm run verify does: the journal may be larger than one string can hold.
  const check = new ChainCheck();
  let chainValid = true;
  for await (const batch of journalBatches(dataFiles(dir).journal, () => undefined))
    for (const record of batch) chainValid &&= check.next(record) === undefined;
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
    journalMatches: check.current.count === stored + ok,
    chainValid,
  };
}
