// A worker thread of the CSV export (csvExport.ts): turns each range of the journal it is sent into rows.
import { serveRanges } from "../records/rangeWorker.ts";
import { csvRange } from "./csvRange.ts";
import type { RosterLookup } from "./rosterMatch.ts";

serveRanges((file, range, roster: RosterLookup) => csvRange(file, range, roster));
