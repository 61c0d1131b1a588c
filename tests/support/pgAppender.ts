// A separate server process's appends, for the tests of several processes on one database: opens
// the PostgreSQL store at argv[2] (data folder argv[3]) and acknowledges attempts argv[4] to argv[5]
// with argv[6] in flight at a time, then prints each record's attempt id and seq as JSON lines.
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { acknowledgement } from "../../scripts/harness/acknowledgementFixture.ts";

const [url, dir, from, to, parallel] = process.argv.slice(2) as [string, string, string, string, string];
const store = await openPostgresStore(url, dir, () => undefined);
let next = Number(from);
const worker = async () => {
  while (next <= Number(to)) {
    const n = next++;
    const outcome = await store.acknowledge(acknowledgement(n));
    if ("conflict" in outcome) throw new Error(`attempt ${n} was refused as a conflict`);
    process.stdout.write(
      `${JSON.stringify({ attemptId: outcome.record.result.attemptId, seq: outcome.record.seq })}\n`,
    );
  }
};
await Promise.all(Array.from({ length: Number(parallel) }, worker));
await store.close();
