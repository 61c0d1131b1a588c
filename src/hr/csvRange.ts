import { journalLines, type ScanEnd } from "../records/journalLines.ts";
import { READ_FIX } from "../records/journalReader.ts";
import type { ByteRange, RangeDone, RangeWork } from "../records/rangeWorker.ts";
import { isJson, parseRecordLine } from "../records/recordLine.ts";
import { readCsvRecord } from "./csvRecordLine.ts";
import { csvLine, exportRow } from "./exportRecords.ts";
import type { RosterLookup } from "./rosterMatch.ts";

/** One range of the journal as CSV rows. */
export interface CsvRange extends RangeDone {
  /** The rows, UTF-8: moved to the main thread, not copied, and written out as they are. */
  csv: Uint8Array<ArrayBuffer>;
  /** Whether the range ended with a line without its newline that is not a whole record, left out. */
  skippedTail: boolean;
}

const utf8 = new TextEncoder();

/**
 * The CSV rows of the records in `range`, read as the export reads them (readCsvRecord). A last line
 * without its newline is a row when it is a whole record and is otherwise left out, as journalBatches
 * does; a damaged line stops the range with a LineDamage counted from the range's first line.
 */
export async function csvRange(file: string, range: ByteRange, roster: RosterLookup): Promise<RangeWork<CsvRange>> {
  const found: ScanEnd = { end: 0 };
  let text = "";
  let lines = 0;
  for await (const run of journalLines(file, found, range))
    for (const line of run.lines) text += csvLine(exportRow(readCsvRecord(file, line, ++lines, READ_FIX), roster));
  let skippedTail = false;
  const { tail } = found;
  if (tail) {
    // A record starts with "{", so a line cut short is never valid JSON; one that is JSON is complete.
    if (isJson(tail)) text += csvLine(exportRow(parseRecordLine(file, tail, lines + 1, READ_FIX), roster));
    else skippedTail = true;
  }
  const csv = utf8.encode(text);
  return { result: { lines, csv, skippedTail }, transfer: [csv.buffer] };
}
