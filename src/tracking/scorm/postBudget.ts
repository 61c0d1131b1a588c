import type { CmiValue } from "./scormTracker.ts";

/**
 * LMSs post the whole state at every commit (Moodle's SCORM 2004 runtime does), and while the page
 * is being dismissed they can only send it as a beacon, which Chromium refuses beyond 64 KiB in
 * flight. Scenario plays are journalled as interactions only while the state stays within
 * `bytes`, which leaves room for the acknowledgement, the LMS's own fields and the final exit.
 * Plays journalled in earlier sessions are counted at `perPriorPlay`, their largest size.
 */
const PLAYS_BUDGET = { bytes: 58 * 1024, perPriorPlay: 1000 };

/** A field of a multipart beacon as Chromium writes it: boundary, header, blank line, value (87 bytes besides name and value). */
const FIELD_BYTES = 87;
const utf8 = new TextEncoder();

/** What a post of `values` takes as a beacon, with the element names as Moodle writes them (cmi__core__exit). */
export function postBytes(values: Iterable<CmiValue>): number {
  let bytes = 0;
  for (const [element, value] of values)
    bytes += FIELD_BYTES + element.length * 2 - element.replace(/\./g, "").length + utf8.encode(value).length;
  return bytes;
}

/** Whether the state LMSs post, with `values` added to what this session `written` and `priorPlays` from earlier sessions, stays within budget. */
export function journalFits(written: Iterable<CmiValue>, values: readonly CmiValue[], priorPlays: number): boolean {
  return postBytes([...written, ...values]) + priorPlays * PLAYS_BUDGET.perPriorPlay <= PLAYS_BUDGET.bytes;
}
