import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import {
  brotliAtBest,
  CODING_SUFFIX,
  FILE_TYPES,
  gzipAtBest,
  isCompressible,
  MIN_COMPRESS_BYTES,
} from "../lib/contentCoding.ts";

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the site build, at the
 * best compression, once, so that the server sends them without compressing per request
 * (src/server/staticFiles.ts). Last in the list of integrations: the files must be final (the
 * /verify page is rewritten by inlineVerifyPage before). The SCORM builds have none: an LMS serves them.
 */
export default function precompress(): AstroIntegration {
  return {
    name: "aup-precompress",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const { files, bytes, brotli } = precompressFolder(fileURLToPath(dir));
        logger.info(
          `${files} files precompressed: ${bytes.toLocaleString("en-GB")} bytes, ${brotli.toLocaleString("en-GB")} as brotli`,
        );
      },
    },
  };
}

/** Writes the variants for every compressible file of `rootDir` worth it; what it wrote, in sum. */
export function precompressFolder(rootDir: string): { files: number; bytes: number; brotli: number } {
  const sum = { files: 0, bytes: 0, brotli: 0 };
  const suffixes = Object.values(CODING_SUFFIX);
  for (const name of readdirSync(rootDir, { recursive: true, encoding: "utf8" })) {
    if (suffixes.some((suffix) => name.endsWith(suffix))) continue;
    if (!isCompressible(FILE_TYPES[path.extname(name).toLowerCase()])) continue;
    const file = path.join(rootDir, name);
    const bytes = readFileSync(file);
    if (bytes.length < MIN_COMPRESS_BYTES) continue;
    const brotli = brotliAtBest(bytes);
    const gzip = gzipAtBest(bytes);
    // A variant no smaller than the file would only cost the client the decoding.
    if (brotli.length < bytes.length) writeFileSync(`${file}${CODING_SUFFIX.br}`, brotli);
    if (gzip.length < bytes.length) writeFileSync(`${file}${CODING_SUFFIX.gzip}`, gzip);
    sum.files += 1;
    sum.bytes += bytes.length;
    sum.brotli += Math.min(brotli.length, bytes.length);
  }
  return sum;
}
