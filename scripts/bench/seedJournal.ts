import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { SCALE_EMPLOYEES } from "../../src/budgets/scaleBudgets.ts";
import { recordHash } from "../../src/records/chain.ts";
import { canonicalJson } from "../../src/records/canonicalJson.ts";
import { GENESIS_HASH, type AcknowledgementRecord } from "../../src/records/record.ts";
import { acknowledgement } from "../harness/acknowledgementFixture.ts";
import { syntheticEmployee } from "./syntheticRoster.ts";

export interface SeedOptions {
  /** How many employees the records belong to: record n is employee (n − 1) mod this (syntheticRoster.ts). */
  employees?: number;
  /** When the last record was made; the records spread evenly over the two years before it. */
  until?: Date;
}

export interface SeedFigures {
  records: number;
  bytes: number;
  seconds: number;
}

const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const CHUNK_CHARS = 8 << 20;
/** How often the fast canonical text below is checked against recordHash itself. */
const CHECK_EVERY = 1000;
/** Different results the records cycle through (the fixture varies the wrong turns by n). */
const RESULTS = 64;

type Content = Omit<AcknowledgementRecord, "hash">;

/**
 * Writes a journal of `count` valid, chained records, streamed in chunks (never one string): each
 * record is a realistic acknowledgement (one of the fixture's full course results) by one employee of the
 * synthetic roster, the first round onboarding and the later rounds refreshers, over two years.
 *
 * Hashing is the cost, so the canonical text is made once per record: every object is built with
 * its keys already sorted, which makes JSON.stringify give canonicalJson's text. Every
 * CHECK_EVERY-th record is hashed again with recordHash, so that the shortcut cannot drift from the
 * store's hash unnoticed.
 */
export function seedJournal(file: string, count: number, options: SeedOptions = {}): SeedFigures {
  const started = performance.now();
  const layout = {
    count,
    employees: options.employees ?? SCALE_EMPLOYEES,
    until: (options.until ?? new Date()).getTime(),
  };
  const templates = Array.from({ length: RESULTS }, (_, n) => contentTemplate(n + 1));
  const fd = openSync(file, "w");
  let prevHash = GENESIS_HASH;
  let chunk = "";
  let bytes = 0;
  try {
    for (let seq = 1; seq <= count; seq++) {
      const content = recordContent(templates[seq % RESULTS] ?? contentTemplate(seq), layout, seq, prevHash);
      const canonical = JSON.stringify(content);
      const hash = createHash("sha256").update(`${prevHash}\n${canonical}`, "utf8").digest("hex");
      if (seq % CHECK_EVERY === 1 && recordHash(content) !== hash)
        throw new Error(
          `seedJournal's canonical text of record ${seq} differs from canonicalJson's: the record's shape changed (a field out of order, undefined or not plain JSON). Build it with inKeyOrder.`,
        );
      prevHash = hash;
      chunk += storedLine(canonical, hash);
      if (chunk.length > CHUNK_CHARS) {
        bytes += flush(fd, chunk);
        chunk = "";
      }
    }
    bytes += flush(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { records: count, bytes, seconds: (performance.now() - started) / 1000 };
}

/** Bytes of one seeded record's line (a refresher of a late employee: the longest ids), to size a journal by bytes. */
export function seededRecordBytes(): number {
  const layout = { count: 2 * SCALE_EMPLOYEES, employees: SCALE_EMPLOYEES, until: Date.now() };
  const canonical = JSON.stringify(recordContent(contentTemplate(1), layout, layout.count, GENESIS_HASH));
  return Buffer.byteLength(storedLine(canonical, GENESIS_HASH));
}

interface Layout {
  count: number;
  employees: number;
  /** The last record's time, in milliseconds. */
  until: number;
}

/** Record `seq` of the journal, in the template's (sorted) key order. */
function recordContent(template: Content, { count, employees, until }: Layout, seq: number, prevHash: string): Content {
  const employee = syntheticEmployee((seq - 1) % employees);
  const at = until - TWO_YEARS_MS + (count > 1 ? ((seq - 1) / (count - 1)) * TWO_YEARS_MS : TWO_YEARS_MS);
  return {
    ...template,
    id: `ack-${String(seq).padStart(6, "0")}`,
    learner: inKeyOrder(template.learner, {
      id: employee.id,
      name: employee.name,
      email: employee.email,
      ...("department" in template.learner ? { department: employee.department } : {}),
    }),
    prevHash,
    recordedAt: new Date(at).toISOString(),
    result: inKeyOrder(template.result, {
      attemptId: `seed-${seq}`,
      mode: seq <= employees ? "onboarding" : "refresher",
    }),
    seq,
    signature: employee.name,
  };
}

/** The journal's line: the content and its hash (the order of a line's fields does not matter to the chain). */
function storedLine(canonical: string, hash: string): string {
  return `${canonical.slice(0, -1)},"hash":"${hash}"}\n`;
}

/**
 * The fixture's acknowledgement `n` (the shipped policy, a genuine onboarding result that varies with
 * `n`) as a record's content with its keys sorted at every level.
 */
function contentTemplate(n: number): Content {
  const content: Content = {
    ...acknowledgement(n),
    seq: 1,
    id: "",
    recordedAt: new Date(0).toISOString(),
    prevHash: GENESIS_HASH,
  };
  return JSON.parse(canonicalJson(content)) as Content;
}

/** `values` over `template`, in the template's key order (sorted); keys the template lacks are not added. */
function inKeyOrder<T extends object>(template: T, values: Partial<Record<keyof T, unknown>>): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template))
    result[key] = key in values ? (values as Record<string, unknown>)[key] : value;
  return result as T;
}

function flush(fd: number, chunk: string): number {
  const buffer = Buffer.from(chunk, "utf8");
  let written = 0;
  while (written < buffer.length) written += writeSync(fd, buffer, written);
  return buffer.length;
}
