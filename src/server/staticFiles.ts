import { createReadStream, statSync, type Stats } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CODING_SUFFIX, FILE_TYPES, isCompressible, type Coding } from "../lib/contentCoding.ts";
import { preferredCoding } from "./acceptEncoding.ts";

/** The built site's files, beside this module's checkout (as main.ts finds the server entry). */
export const BUILT_CLIENT_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

/** Hashed file names: a new build writes new names, so a browser may keep these for a year unasked. */
const HASHED_ASSETS = /^\/_astro\//;
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Pages keep their address across builds: a browser keeps them but asks (a 304 costs a few bytes). */
const REVALIDATE = "no-cache";

interface Found {
  file: string;
  stats: Stats;
}

/**
 * Answers a GET or HEAD for a file of the build (`clientDir`) with the best precompressed variant the
 * client takes (the build writes `.br` and `.gz` beside each text file), ETag and Last-Modified, and
 * a 304 when the client's copy is current. Returns false, leaving the answer to Astro, for anything
 * else: routes rendered on request, missing files, hidden files.
 */
export function serveStaticFile(req: IncomingMessage, res: ServerResponse, clientDir = BUILT_CLIENT_DIR): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const pathname = urlPathname(req.url);
  if (pathname === undefined) return false;
  const found = builtFile(clientDir, pathname);
  if (!found) return false;
  const type = FILE_TYPES[path.extname(found.file).toLowerCase()] ?? "application/octet-stream";
  const compressible = isCompressible(type);
  const variant = compressible ? bestVariant(found, preferredCoding(req.headers["accept-encoding"])) : undefined;
  const { file, stats } = variant ?? found;
  // Each variant has its own tag: a cache holding the gzip bytes must not answer a brotli client with them.
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${variant ? `-${variant.coding}` : ""}"`;

  res.setHeader("content-type", type);
  if (compressible) res.setHeader("vary", "Accept-Encoding");
  if (variant) res.setHeader("content-encoding", variant.coding);
  res.setHeader("etag", etag);
  res.setHeader("last-modified", found.stats.mtime.toUTCString());
  // A route's own Cache-Control (no-store on private pages, set before this) stays.
  if (!res.hasHeader("cache-control"))
    res.setHeader("cache-control", HASHED_ASSETS.test(pathname) ? IMMUTABLE : REVALIDATE);
  if (isCurrent(req, etag, found.stats)) {
    res.statusCode = 304;
    res.removeHeader("content-type");
    res.end();
    return true;
  }
  res.statusCode = 200;
  res.setHeader("content-length", stats.size);
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  createReadStream(file)
    .on("error", () => res.destroy()) // the file went away mid-answer (a rebuild): the client retries
    .pipe(res);
  return true;
}

/** The request's path, decoded; undefined when it cannot name a file (bad escapes, NUL). */
function urlPathname(url: string | undefined): string | undefined {
  const raw = (url ?? "/").split(/[?#]/)[0] ?? "/";
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes("\0") ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The file a path names inside `clientDir` (a folder's index.html for a folder), never outside it nor hidden. */
function builtFile(clientDir: string, pathname: string): Found | undefined {
  const normalised = path.posix.normalize(pathname);
  if (normalised.split("/").some((segment) => segment.startsWith("."))) return undefined;
  const root = path.resolve(clientDir);
  const target = path.resolve(root, `.${normalised}`);
  if (target !== root && !target.startsWith(root + path.sep)) return undefined;
  const stats = statOrUndefined(target);
  if (stats?.isFile()) return { file: target, stats };
  if (!stats?.isDirectory()) return undefined;
  const index = path.join(target, "index.html");
  const indexStats = statOrUndefined(index);
  return indexStats?.isFile() ? { file: index, stats: indexStats } : undefined;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The precompressed variant for `coding`, when the build wrote one (it skips files too small to gain). */
function bestVariant({ file }: Found, coding: Coding): (Found & { coding: Exclude<Coding, "identity"> }) | undefined {
  if (coding === "identity") return undefined;
  const variant = `${file}${CODING_SUFFIX[coding]}`;
  const stats = statOrUndefined(variant);
  return stats?.isFile() ? { file: variant, stats, coding } : undefined;
}

/** Whether the client's cached copy is this one: If-None-Match first, If-Modified-Since only without it. */
function isCurrent(req: IncomingMessage, etag: string, stats: Stats): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined)
    return ifNoneMatch
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === etag);
  const since = Date.parse(req.headers["if-modified-since"] ?? "");
  return Number.isFinite(since) && Math.floor(stats.mtimeMs / 1000) * 1000 <= since;
}
