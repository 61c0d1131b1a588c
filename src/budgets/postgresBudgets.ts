// The PostgreSQL store's budgets of docs/DESIGN.md ("Past one process"), measured by npm run bench
// (scripts/bench/postgresBench.ts) on one machine, in one run.

/** Two server processes on one database (fsync on), together: at least this many acknowledgements a second… */
export const TWO_SERVERS_ACKS_PER_SECOND = 1000;
/** …with the slower server's 99th percentile at most this. */
export const TWO_SERVERS_P99_MS = 100;
/** An export of this many records from the table… */
export const TABLE_EXPORT_RECORDS = 1_000_000;
/** …within this many seconds, streamed. */
export const TABLE_EXPORT_SECONDS = 15;
