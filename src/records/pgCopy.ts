import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";

// COPY's text format: one row a line, columns separated by tabs, and in each value a backslash,
// tab, newline or carriage return (and a few other control characters) written as an escape.
// COPY TO writes only these escapes, never octal or hex ones (PostgreSQL's COPY documentation).
const UNESCAPED: Record<string, string> = { "\\": "\\", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
const ESCAPED: Record<string, string> = {
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

/** A value as COPY's text format writes it. */
export function copyText(value: string): string {
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => ESCAPED[c] as string);
}

function fromCopyText(value: string): string {
  return value.includes("\\") ? value.replace(/\\([\\bfnrtv])/g, (_, c: string) => UNESCAPED[c] as string) : value;
}

/**
 * The one column each row of `query` has, a run of rows at a time, through COPY … TO STDOUT: the
 * fastest way out of PostgreSQL (no row-by-row protocol), in the memory of one chunk.
 */
export async function* copyOutValues(client: pg.ClientBase, query: string): AsyncGenerator<string[]> {
  for await (const rows of copyOutRows(client, query))
    yield rows
      .toString("utf8", 0, rows.length - 1)
      .split("\n")
      .map(fromCopyText);
}

/** COPY … TO STDOUT's bytes in runs of whole rows, each row with its newline. */
async function* copyOutRows(client: pg.ClientBase, query: string): AsyncGenerator<Buffer> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let carry = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    // Split on the newline byte, which never occurs inside another UTF-8 character (nor inside a
    // value: COPY escapes it); the bytes after the last one wait for the next chunk.
    const end = chunk.lastIndexOf(NEWLINE);
    if (end < 0) {
      carry = Buffer.concat([carry, chunk]);
      continue;
    }
    const rows = carry.length ? Buffer.concat([carry, chunk.subarray(0, end + 1)]) : chunk.subarray(0, end + 1);
    carry = Buffer.from(chunk.subarray(end + 1));
    yield rows;
  }
  // COPY ends every row with a newline; bytes after the last one would be a row cut short.
  if (carry.length)
    throw new Error(`COPY's output ended in the middle of a row (${carry.length} bytes after the last newline).`);
}

const NEWLINE = 10;
const BACKSLASH = 92;

/**
 * The one column of `query`'s rows as bytes, a line each, for values that hold no control
 * character (JSON lines): COPY's doubled backslashes are undone without decoding the text, so a
 * million records stream out at close to the speed COPY sends them. A value with any other escape
 * (a control character, which no JSON line has) is refused, naming its row.
 */
export async function* copyOutLineBytes(
  client: pg.ClientBase,
  query: string,
  refuse: (row: number) => Error,
): AsyncGenerator<Buffer> {
  let row = 0;
  for await (const rows of copyOutRows(client, query)) {
    let at = rows.indexOf(BACKSLASH);
    if (at < 0) {
      row += count(rows, NEWLINE);
      yield rows; // as COPY sent them: no copy
      continue;
    }
    const parts: Buffer[] = [];
    let from = 0;
    for (; at >= 0; at = rows.indexOf(BACKSLASH, at + 2)) {
      if (rows[at + 1] !== BACKSLASH) throw refuse(row + count(rows.subarray(0, at), NEWLINE) + 1);
      parts.push(rows.subarray(from, at + 1)); // one backslash of the two
      from = at + 2;
    }
    parts.push(rows.subarray(from));
    row += count(rows, NEWLINE);
    yield Buffer.concat(parts);
  }
}

function count(bytes: Buffer, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at >= 0; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

/** Writes `rows` (values in `columns`' order) into `table` through COPY … FROM STDIN, a run at a time. */
export async function copyInRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<readonly (string | number)[][]> | Iterable<readonly (string | number)[][]>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  try {
    for await (const run of rows) {
      const text = run.map((row) => `${row.map((value) => copyText(String(value))).join("\t")}\n`).join("");
      if (!stream.write(text)) await new Promise((resolve) => stream.once("drain", resolve));
    }
  } catch (error) {
    // The rows stopped (a record that does not check out): CopyFail ends the COPY, or the
    // connection would wait for its end forever and the transaction could not roll back.
    stream.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  stream.end();
  await done;
}
