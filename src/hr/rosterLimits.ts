/**
 * How large a roster import may be, in one place for every way in: the CSV parser counts rows, and
 * the API and the dashboard's upload refuse a larger body before reading it into memory.
 */

/** Employees per file. */
export const ROSTER_MAX_ROWS = 200_000;

/** Bytes per upload (10 MB). */
export const ROSTER_MAX_BYTES = 10 * 1024 * 1024;
