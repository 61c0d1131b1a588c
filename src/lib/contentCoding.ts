import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Content codings the site serves, most preferred first: brotli is smaller than gzip at the same speed of decoding. */
export const CODINGS = ["br", "gzip", "identity"] as const;
export type Coding = (typeof CODINGS)[number];

/** The file name suffix of a precompressed variant (`page.html.br`, `app.js.gz`). */
export const CODING_SUFFIX: Record<Exclude<Coding, "identity">, string> = { br: ".br", gzip: ".gz" };

/**
 * Below this, compression is not worth it: the coding's framing and the client's work cost more than
 * the bytes saved, and one TCP packet carries the answer either way.
 */
export const MIN_COMPRESS_BYTES = 1024;

// Text formats shrink; images, fonts and archives (zip) are compressed already and would only grow.
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:json|javascript|xml|[\w.+-]*\+(?:json|xml))|image\/svg\+xml)/i;

/** Whether an answer of this Content-Type is worth compressing. */
export const isCompressible = (contentType: string | undefined) => COMPRESSIBLE_TYPE.test(contentType ?? "");

/** The content types of the files a build writes, by extension (anything else is served as bytes). */
export const FILE_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
};

/** Brotli at its best quality: for files compressed once, at build time, and served many times. */
export const brotliAtBest = (bytes: Buffer | string) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(bytes),
    },
  });

/** Gzip at its best level, the same as the page weights are measured with. */
export const gzipAtBest = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 });

/**
 * The bytes that go over the wire for a built file of `bytes` to a browser that takes brotli: its
 * brotli variant, unless the file is too small to be compressed (the build writes no variant then).
 */
export function servedBrotliSize(bytes: Buffer | string): number {
  const size = Buffer.byteLength(bytes);
  if (size < MIN_COMPRESS_BYTES) return size;
  return Math.min(size, brotliAtBest(bytes).length);
}
