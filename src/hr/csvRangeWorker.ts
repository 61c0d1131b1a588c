// A worker thread of the CSV export (csvExport.ts): turns each range of the journal it is sent into rows.
import { serveRanges } from "../records/rangeWorker.ts";
import { csvRange } from "./csvRange.ts";

serveRanges((file, range, departments: ReadonlyMap<string, string>) => csvRange(file, range, departments));
