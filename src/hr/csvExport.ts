import { skippedTail } from "../records/journalReader.ts";
import { rangeResults, type PoolOptions } from "../records/rangePool.ts";
import type { Employee } from "../schemas/employee.ts";
import type { CsvRange } from "./csvRange.ts";
import { csvHead } from "./exportRecords.ts";
import { rosterLookup, type RosterLookup } from "./rosterMatch.ts";

const WORKER = new URL("./csvRangeWorker.ts", import.meta.url);

export interface CsvExportOptions {
  bom?: boolean;
  /** Told about a last line left out (a crash mid-append). */
  warn: (message: string) => void;
  pool?: Omit<PoolOptions<unknown>, "data">;
}

/**
 * The whole journal as CSV (the same text as exportStream of journalBatches gives), in file order:
 * the header, then each range's rows, made in parallel by worker threads (csvRange.ts). The
 * consumer's pace sets how far ahead the workers go (a few ranges at most), so written through a
 * stream's backpressure, a million records need the memory of a few ranges.
 */
export async function* csvExport(
  file: string,
  roster: readonly Employee[],
  options: CsvExportOptions,
): AsyncGenerator<string | Buffer> {
  yield csvHead(options);
  for await (const { firstLine, result } of rangeResults<CsvRange, RosterLookup>(file, WORKER, {
    ...options.pool,
    data: rosterLookup(roster),
  })) {
    if (result.csv.length) yield Buffer.from(result.csv.buffer, result.csv.byteOffset, result.csv.byteLength);
    if (result.skippedTail) options.warn(skippedTail(file, firstLine + result.lines));
  }
}
