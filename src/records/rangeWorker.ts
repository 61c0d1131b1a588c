import { parentPort, workerData } from "node:worker_threads";
import { LineDamage, type LineFault } from "./lineDamage.ts";
import { isStoreError, type StoreError } from "./storeError.ts";

// The worker's side of rangePool.ts: a worker thread is sent byte ranges of the journal, reads each
// one itself from disk and answers with a small result. Only offsets go in and only results come
// out: no line of the journal crosses between threads.

/** Bytes `from` to `to` of the journal: whole lines, the first starting at `from`. */
export interface ByteRange {
  from: number;
  to: number;
}

export interface RangeJob extends ByteRange {
  /** The range's place in the file, counted from 0: answers are matched to jobs by it. */
  index: number;
}

/** What every range's result says, so that the main thread can count lines across ranges. */
export interface RangeDone {
  /** Complete lines (each ending with a newline) the range held. */
  lines: number;
}

/** An error as it crosses between threads: a LineDamage keeps its fault, to be renumbered. */
export interface EncodedError {
  message: string;
  stack?: string;
  kind?: StoreError["kind"];
  file?: string;
  fault?: LineFault;
}

export type RangeAnswer<Result> =
  { index: number; ok: true; result: Result } | { index: number; ok: false; error: EncodedError };

/** What a worker is started with: the journal, and whatever its kind of work needs. */
export interface RangeWorkerData<Data> {
  file: string;
  data: Data;
}

/** What work on one range gives: its result, and the buffers in it to move (not copy) to the main thread. */
export interface RangeWork<Result extends RangeDone> {
  result: Result;
  transfer?: ArrayBuffer[];
}

export function encodeError(error: unknown): EncodedError {
  if (error instanceof LineDamage)
    return { message: error.message, kind: error.kind, file: error.file, fault: error.fault };
  if (isStoreError(error)) return { message: error.message, kind: error.kind };
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

/**
 * Runs in a worker thread: does `work` on each range it is sent, one at a time in the order sent,
 * and answers each with its result or the error that stopped it.
 */
export function serveRanges<Data, Result extends RangeDone>(
  work: (file: string, range: ByteRange, data: Data) => Promise<RangeWork<Result>>,
): void {
  const port = parentPort;
  if (!port) throw new Error("serveRanges runs in a worker thread started by rangePool.ts, not on its own.");
  const { file, data } = workerData as RangeWorkerData<Data>;
  let queue = Promise.resolve();
  port.on("message", (job: RangeJob) => {
    queue = queue.then(async () => {
      try {
        const { result, transfer } = await work(file, job, data);
        port.postMessage({ index: job.index, ok: true, result } satisfies RangeAnswer<Result>, transfer);
      } catch (error) {
        port.postMessage({ index: job.index, ok: false, error: encodeError(error) } satisfies RangeAnswer<Result>);
      }
    });
  });
}
