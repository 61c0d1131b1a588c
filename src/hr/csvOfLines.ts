import type { StoredLines } from "../records/storedLines.ts";
import type { Employee } from "../schemas/employee.ts";
import { readCsvRecord } from "./csvRecordLine.ts";
import { csvHead, csvLine, exportRow } from "./exportRecords.ts";
import { rosterLookup } from "./rosterMatch.ts";

/**
 * The records CSV of stored lines (a database's, read in one pass): the header, then one run of
 * rows per run of lines, each record read as the CSV reads it (readCsvRecord skips the scenarios it
 * does not show), so the text is the same as the journal's CSV export.
 */
export async function* csvOfLines(
  where: string,
  lines: StoredLines,
  roster: readonly Employee[],
  options: { bom?: boolean; fix: string },
): AsyncGenerator<string> {
  const lookup = rosterLookup(roster);
  yield csvHead(options);
  let number = 0;
  for await (const run of lines) {
    let text = "";
    for (const line of run) text += csvLine(exportRow(readCsvRecord(where, line, ++number, options.fix), lookup));
    yield text;
  }
}
