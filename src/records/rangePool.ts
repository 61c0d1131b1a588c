import { open, type FileHandle } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { LineDamage } from "./lineDamage.ts";
import type { ByteRange, EncodedError, RangeAnswer, RangeDone, RangeJob, RangeWorkerData } from "./rangeWorker.ts";
import { readFailure } from "./readFailure.ts";
import { StoreError } from "./storeError.ts";

/**
 * About 8 MB of journal (some 2,400 records) per range: enough work to make a message between
 * threads negligible, little enough that the ranges in flight stay a few tens of MB.
 */
const RANGE_BYTES = 8 << 20;
/** Each thread has its own heap (up to some 150 MB seen): four keep a process well under 1 GB. */
const MAX_WORKERS = 4;
/** Ranges each worker may have sent to it and not yet consumed: one at work, one waiting. */
const IN_FLIGHT_PER_WORKER = 2;
/** How much is read at a cut point to find the next newline. */
const CUT_READ = 64 << 10;

export interface PoolOptions<Data> {
  /** Read up to this byte; by default the file's size when the pool starts. */
  to?: number;
  rangeBytes?: number;
  workers?: number;
  /** Handed to every worker (workerData), beside the file's name. */
  data?: Data;
}

/** One range's result, in file order, with the number of its first line in the whole file. */
export interface RangeResult<Result> {
  firstLine: number;
  result: Result;
}

interface Thread {
  worker: Worker;
  jobs: Set<number>;
}

/** How many worker threads a pool starts on this machine (at most): one per core, at least one. */
export function poolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

/**
 * Works through the journal in parallel: the file is split into ranges of whole lines, worker
 * threads running `worker` (a module that calls serveRanges) each read and work on the ranges they
 * are sent, and the results come out strictly in file order. Only a few ranges are in flight at a
 * time, and a range is sent only while the consumer keeps up, so the memory used does not grow with
 * the journal. An error from a range is thrown when that range's turn comes, after every range
 * before it, with a damaged line's number counted from the start of the file. However the consumer
 * stops (the end, an error, a break), the workers are stopped with it.
 */
export async function* rangeResults<Result extends RangeDone, Data = undefined>(
  file: string,
  worker: URL,
  options: PoolOptions<Data> = {},
): AsyncGenerator<RangeResult<Result>> {
  const handle = await open(file, "r").catch((error: unknown) => {
    throw readFailure(file, error);
  });
  const workers = Math.max(1, options.workers ?? poolSize());
  const maxInFlight = workers * IN_FLIGHT_PER_WORKER;
  const threads: Thread[] = [];
  const answers = new Map<number, PromiseWithResolvers<RangeAnswer<Result>>>();
  const workerData: RangeWorkerData<Data | undefined> = { file, data: options.data };
  let stopping = false;
  let cutFailure: Error | undefined; // a read that failed while splitting, thrown after the ranges before it
  let next = 0; // the next range to hand to the consumer
  let sent = 0; // ranges sent to a worker
  let filling: Promise<void> | undefined;

  const started: Worker[] = [];
  // A thread that failed takes no more ranges; those it had fail in their turn.
  const failThread = (thread: Thread, error: Error) => {
    const at = threads.indexOf(thread);
    if (at !== -1) threads.splice(at, 1);
    for (const index of thread.jobs) answers.get(index)?.reject(error);
    thread.jobs.clear();
  };
  const startThread = (): Thread => {
    // No options of this process's own command line (`--input-type`, a script preloaded with `--import`):
    // they are meant for its main module, not for the worker's.
    const thread: Thread = { worker: new Worker(worker, { workerData, execArgv: [] }), jobs: new Set() };
    thread.worker.on("message", (answer: RangeAnswer<Result>) => {
      thread.jobs.delete(answer.index);
      answers.get(answer.index)?.resolve(answer);
      void fill();
    });
    thread.worker.on("error", (error: Error) => failThread(thread, error));
    thread.worker.on("exit", (code) => {
      if (!stopping) failThread(thread, new Error(`A worker thread reading ${file} stopped (exit code ${code}).`));
    });
    threads.push(thread);
    started.push(thread.worker);
    return thread;
  };
  const send = (range: ByteRange) => {
    const index = sent++;
    const answer = Promise.withResolvers<RangeAnswer<Result>>();
    answer.promise.catch(() => undefined); // awaited in turn; until then a failure is not unhandled
    answers.set(index, answer);
    const idle = threads.reduce<Thread | undefined>((a, b) => (a && a.jobs.size <= b.jobs.size ? a : b), undefined);
    const thread = !idle || (idle.jobs.size > 0 && threads.length < workers) ? startThread() : idle;
    thread.jobs.add(index);
    thread.worker.postMessage({ index, ...range } satisfies RangeJob);
  };

  const rangeBytes = Math.max(1, options.rangeBytes ?? RANGE_BYTES);
  let size = 0; // where the last range ends
  let cut = 0; // where the next range starts
  const refill = async () => {
    try {
      while (!stopping && cut < size && sent - next < maxInFlight) {
        const from = cut;
        cut = from + rangeBytes >= size ? size : await lineEnd(handle, file, from + rangeBytes, size);
        send({ from, to: cut });
      }
    } catch (error) {
      cutFailure = error instanceof Error ? error : new Error(String(error));
      cut = size;
    }
  };
  const fill = () => (filling ??= refill().finally(() => (filling = undefined)));

  try {
    size = options.to ?? (await fileSize(handle, file));
    let firstLine = 1;
    for (;;) {
      let answer = answers.get(next);
      while (!answer && cut < size) {
        await fill();
        answer = answers.get(next);
      }
      if (!answer) break;
      const settled = await answer.promise;
      answers.delete(next++);
      if (!settled.ok) throw decodeError(settled.error, firstLine);
      yield { firstLine, result: settled.result };
      firstLine += settled.result.lines;
    }
    if (cutFailure !== undefined) throw cutFailure;
  } finally {
    stopping = true;
    await filling;
    await Promise.all(started.map((thread) => thread.terminate()));
    await handle.close();
  }
}

/**
 * The error a range reported, as the main thread throws it: a damaged line is counted from the
 * start of the file (the range's first line is `firstLine`), a worker's crash keeps its stack.
 */
export function decodeError(error: EncodedError, firstLine: number): Error {
  if (error.fault && error.file !== undefined) return new LineDamage(error.file, error.fault).after(firstLine - 1);
  if (error.kind) return new StoreError(error.kind, error.message);
  const crash = new Error(error.message);
  if (error.stack) crash.stack = `${crash.stack ?? error.message}\nIn the worker thread: ${error.stack}`;
  return crash;
}

async function fileSize(handle: FileHandle, file: string): Promise<number> {
  const stats = await handle.stat().catch((error: unknown) => {
    throw readFailure(file, error);
  });
  return stats.size;
}

/**
 * Where the line that byte `at` falls in ends (just past its newline), found with small reads; the
 * end of the file when no newline follows. A range then ends on a line's end, and every line lies
 * in one range.
 */
async function lineEnd(handle: FileHandle, file: string, at: number, size: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(CUT_READ);
  for (let position = at; position < size;) {
    const { bytesRead } = await handle
      .read(buffer, 0, Math.min(CUT_READ, size - position), position)
      .catch((error: unknown) => {
        throw readFailure(file, error);
      });
    if (bytesRead === 0) break;
    const newline = buffer.subarray(0, bytesRead).indexOf(10);
    if (newline !== -1) return position + newline + 1;
    position += bytesRead;
  }
  return size;
}
