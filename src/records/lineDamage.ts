import { StoreError } from "./storeError.ts";

/** What is wrong with one line of a data file and what to do, apart from which file it is. */
export interface LineFault {
  /** The line's number, counted from 1. */
  line: number;
  /** Worded to follow "FILE line N", e.g. "is not valid JSON (…)". */
  problem: string;
  fix: string;
}

/**
 * A damaged line: a StoreError whose message names the file and the line, then says what is wrong
 * and what to do. The fault is kept apart from its wording because ranges of the journal are read
 * in parallel, each counting lines from its own start: the thread that knows where a range starts
 * words the damage again with the line's number in the whole file (`after`).
 */
export class LineDamage extends StoreError {
  readonly file: string;
  readonly fault: LineFault;

  constructor(file: string, fault: LineFault) {
    super("damaged", `${file} line ${fault.line} ${fault.problem}. ${fault.fix}`);
    this.file = file;
    this.fault = fault;
  }

  /** The same damage, counted `lines` lines further on: from the file's start instead of a range's. */
  after(lines: number): LineDamage {
    return new LineDamage(this.file, { ...this.fault, line: this.fault.line + lines });
  }
}
