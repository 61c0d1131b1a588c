import { CODINGS, type Coding } from "../lib/contentCoding.ts";

/**
 * The content coding to answer with, from a request's Accept-Encoding (RFC 9110, section 12.5.3):
 * the one with the highest q-value among those the site has, brotli before gzip before identity when
 * the client rates them the same; identity, when not named, after every coding the client rates. `q=0` means "not this one"; `*` rates every coding not named. A
 * client that names none is sent identity, and so is one that refuses every coding we have (identity
 * included): an uncompressed answer it may still read is better than none.
 */
export function preferredCoding(acceptEncoding: string | string[] | undefined): Coding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : acceptEncoding;
  if (!header?.trim()) return "identity";
  const rated = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => /^q\s*=/.test(param));
    const value = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/, ""));
    // A malformed q-value counts as a refusal rather than as a preference.
    rated.set(name, Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0);
  }
  // Identity not named stays acceptable, but below any coding the client rates: "br;q=0.8" asks for brotli.
  const unnamed = (coding: Coding) =>
    coding === "identity" ? 0.001 : coding === "gzip" ? (rated.get("x-gzip") ?? 0) : 0;
  const rating = (coding: Coding) => rated.get(coding) ?? rated.get("*") ?? unnamed(coding);
  let best: Coding = "identity";
  let bestRating = 0;
  for (const coding of CODINGS) {
    const q = rating(coding);
    if (q > bestRating) [best, bestRating] = [coding, q];
  }
  return best;
}
