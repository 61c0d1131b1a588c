// A worker thread of npm run verify (verifyJournal.ts): checks each range of the journal it is sent.
import { checkChainRange } from "./chainRange.ts";
import { serveRanges } from "./rangeWorker.ts";

serveRanges((file, range) => checkChainRange(file, range));
