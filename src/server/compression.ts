import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from "node:zlib";
import { isCompressible, MIN_COMPRESS_BYTES, type Coding } from "../lib/contentCoding.ts";
import { preferredCoding } from "./acceptEncoding.ts";

type Chunk = string | Buffer | Uint8Array;
type Callback = (error?: Error | null) => void;

/**
 * Compresses what a route renders on request (HR pages, receipts, JSON answers, CSV exports) as it
 * is written, so that a streamed export stays streamed: the headers are decided at the first write,
 * from the status, the content type and the client's Accept-Encoding (Astro streams every body, so
 * the first bytes are held until they pass 1 KB or the answer ends, to tell a tiny answer apart). Brotli runs at a middle
 * quality here: at request time its best quality costs far more CPU than the few bytes it saves.
 * Answers that are tiny (under 1 KB in all, or by their Content-Length),
 * already encoded, of a compressed type (zip), `no-transform`, bodiless or to HEAD stay as they are.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const coding = preferredCoding(req.headers["accept-encoding"]);
  // The response's own methods, for once the coding is decided.
  const original = {
    writeHead: res.writeHead.bind(res) as (status: number, message?: string) => ServerResponse,
    write: res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean,
    end: res.end.bind(res) as (...args: unknown[]) => ServerResponse,
  };
  let pending: { status: number; message?: string } | undefined;
  let decided = false;
  let encoder: BrotliCompress | Gzip | undefined;
  // The first bytes of a body whose length is not known yet: held until they pass the threshold or end.
  let held: { chunks: Buffer[]; length: number; callbacks: Callback[] } | undefined;

  /** Whether the answer may be compressed, its length aside; sets Vary for a compressible type. */
  const eligible = () => {
    const status = pending?.status ?? res.statusCode;
    const type = res.getHeader("content-type");
    if (!isCompressible(typeof type === "string" ? type : undefined)) return false;
    if (status !== 304) res.setHeader("vary", varyWithAcceptEncoding(res.getHeader("vary")));
    return (
      coding !== "identity" &&
      req.method !== "HEAD" &&
      status >= 200 &&
      status !== 204 &&
      status !== 304 &&
      !res.hasHeader("content-encoding") &&
      !/\bno-transform\b/i.test(String(res.getHeader("cache-control") ?? ""))
    );
  };

  /** Sends the status and headers, through an encoder when `compress`. */
  const decide = (compress: boolean, length?: number) => {
    decided = true;
    if (compress) {
      res.setHeader("content-encoding", coding);
      res.removeHeader("content-length");
      encoder = startEncoder(coding as Exclude<Coding, "identity">, length);
      // The route waits for the response's drain when a write says "full": the encoder's is that drain.
      encoder.on("drain", () => res.emit("drain"));
      encoder.on("data", (data: Buffer) => original.write(data));
      encoder.on("end", () => original.end());
      encoder.on("error", (error) => res.destroy(error));
    }
    if (pending) original.writeHead(pending.status, pending.message);
  };

  /** Decides from what the headers say, or starts holding the body when they do not say its length. */
  const decideAtFirstWrite = () => {
    if (!eligible()) return decide(false);
    const declared = Number(res.getHeader("content-length") ?? Number.NaN);
    if (Number.isFinite(declared)) return decide(declared >= MIN_COMPRESS_BYTES, declared);
    held = { chunks: [], length: 0, callbacks: [] };
  };

  /** Sends what was held, compressed when it reached the threshold. */
  const release = (complete: boolean) => {
    if (!held) return;
    const { chunks, length, callbacks } = held;
    held = undefined;
    decide(length >= MIN_COMPRESS_BYTES, complete ? length : undefined);
    const done = (error?: Error | null) => callbacks.forEach((callback) => callback(error));
    if (encoder) encoder.write(Buffer.concat(chunks), done);
    else if (length) original.write(Buffer.concat(chunks), done);
    else done();
  };

  // Headers given to writeHead are set now and sent at the first write, once the coding is known.
  res.writeHead = function (status: number, ...rest: unknown[]) {
    const [message, headers] = typeof rest[0] === "string" ? [rest[0], rest[1]] : [undefined, rest[0]];
    for (const [name, value] of headerEntries(headers)) if (value !== undefined) res.setHeader(name, value);
    pending = { status, ...(message === undefined ? {} : { message }) };
    return res;
  };

  res.write = function (chunk: Chunk, ...rest: unknown[]) {
    const callback = rest.find((arg): arg is Callback => typeof arg === "function");
    if (!decided && !held) decideAtFirstWrite();
    if (held) {
      const bytes =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8")
          : Buffer.from(chunk);
      held.chunks.push(bytes);
      held.length += bytes.length;
      if (callback) held.callbacks.push(callback);
      // A writer that waits for this callback before its next chunk cannot be held until 1 KB:
      // it would wait for bytes that never come. Decide now from what has come.
      if (held.length >= MIN_COMPRESS_BYTES || callback) release(false);
      return true;
    }
    if (!encoder) return original.write(chunk, ...(rest as [BufferEncoding, Callback]));
    return encoder.write(chunk, callback);
  } as ServerResponse["write"];

  res.end = function (...args: unknown[]) {
    const chunk = typeof args[0] === "function" ? undefined : (args[0] as Chunk | undefined | null);
    const callback = args.find((arg): arg is () => void => typeof arg === "function");
    if (!decided && !held) {
      // The whole body is known: its length decides.
      const length = chunk ? Buffer.byteLength(chunk) : 0;
      if (eligible()) decide(length >= MIN_COMPRESS_BYTES, length);
      else decide(false);
    } else if (held) {
      if (chunk) res.write(chunk);
      release(true);
      if (!encoder) return original.end(callback);
      if (callback) res.once("finish", callback);
      encoder.end();
      return res;
    }
    if (!encoder) return original.end(...args);
    if (callback) res.once("finish", callback);
    if (chunk) encoder.end(chunk);
    else encoder.end();
    return res;
  } as ServerResponse["end"];
}

function startEncoder(coding: Exclude<Coding, "identity">, length: number | undefined): BrotliCompress | Gzip {
  if (coding === "gzip") return createGzip();
  return createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      ...(length === undefined ? {} : { [constants.BROTLI_PARAM_SIZE_HINT]: length }),
    },
  });
}

function varyWithAcceptEncoding(vary: number | string | string[] | undefined): string {
  const names = (Array.isArray(vary) ? vary.join(",") : String(vary ?? ""))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.some((name) => name === "*" || name.toLowerCase() === "accept-encoding")) return names.join(", ");
  return [...names, "Accept-Encoding"].join(", ");
}

/** writeHead's headers come as an object or as a flat [name, value, name, value] list. */
function headerEntries(headers: unknown): [string, OutgoingHttpHeaders[string]][] {
  if (!headers) return [];
  if (Array.isArray(headers)) {
    const entries: [string, OutgoingHttpHeaders[string]][] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) entries.push([String(headers[i]), headers[i + 1] as string]);
    return entries;
  }
  return Object.entries(headers as OutgoingHttpHeaders);
}
