import {
  TABLE_EXPORT_RECORDS,
  TABLE_EXPORT_SECONDS,
  TWO_SERVERS_ACKS_PER_SECOND,
  TWO_SERVERS_P99_MS,
} from "../../src/budgets/postgresBudgets.ts";
import type { PostgresFigures } from "./postgresBench.ts";
import { verdict } from "./verdict.ts";

/** The "PostgreSQL store" section of BENCHMARKS.md. */
export function postgresSection({ servers, exports, migrateSeconds }: PostgresFigures): string {
  const two = servers.find((s) => s.servers === 2);
  const records = exports[0]?.records ?? 0;
  const fromTable = exports.filter((e) => e.source === "PostgreSQL");
  const csv = fromTable.find((e) => e.format === "csv");
  const full = records >= TABLE_EXPORT_RECORDS;
  return `## PostgreSQL store

A throwaway PostgreSQL cluster (Debian's \`postgresql\`, fsync on) on the same machine. Acknowledgements:
the built servers (\`AUP_DATABASE_URL\`, each with its own data folder holding the same keys), 16
connections to each at once, every answer checked afterwards: the table holds exactly the 2xx
answered and its chain verifies. One server is the baseline. Budget for two servers together: at
least ${TWO_SERVERS_ACKS_PER_SECOND.toLocaleString("en-GB")} per second, p99 at most ${TWO_SERVERS_P99_MS} ms (the slower server's).

| servers | requests | 2xx per second | p50 | p99 | non-2xx | table = 2xx | chain |
| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
${servers
  .map(
    (s) =>
      `| ${s.servers} | ${s.requests.toLocaleString("en-GB")} | ${s.perSecond} | ${s.p50} ms | ${s.p99} ms | ${s.failed} | ${s.tableMatches ? "yes" : "**no**"} | ${s.chainValid ? "valid" : "**broken**"} |`,
  )
  .join("\n")}

${two ? `Two servers: ${verdict(two.perSecond >= TWO_SERVERS_ACKS_PER_SECOND && two.p99 <= TWO_SERVERS_P99_MS && two.tableMatches && two.chainValid)}.` : ""}

Exports of ${records.toLocaleString("en-GB")} seeded records (full course results, ${Math.round(records > 0 ? (3.8 * records) / 1000 : 0).toLocaleString("en-GB")} MB or so of JSON),
moved into the database by \`npm run migrate-store\` (${migrateSeconds.toFixed(1)} s, the chain verified before
and after), then \`npm run export -- --format jsonl|csv --out FILE\` from the table (COPY) and, as the
baseline, from the data folder's journal. Budget (the CSV export, as HR takes it): ${TABLE_EXPORT_RECORDS.toLocaleString("en-GB")} records from the table
within ${TABLE_EXPORT_SECONDS} s. The JSONL export (the whole chain as stored, for evidence and moves) has no budget of its own.

| format | from | seconds | peak memory |
| --- | --- | ---: | ---: |
${exports.map((e) => `| ${e.format} | ${e.source} | ${e.seconds.toFixed(1)} | ${e.peakMemoryMb} MB |`).join("\n")}

${full && csv ? `The CSV from the table: ${verdict(csv.seconds <= TABLE_EXPORT_SECONDS)} (${csv.seconds.toFixed(1)} s); the JSONL from the table took ${fromTable.find((e) => e.format === "jsonl")?.seconds.toFixed(1)} s.` : `Measured at ${records.toLocaleString("en-GB")} records (a quick run): the budget is judged at ${TABLE_EXPORT_RECORDS.toLocaleString("en-GB")}.`}
`;
}
