import { createHash } from "node:crypto";

/**
 * The CSP source that allows an inline style (or a style attribute, with 'unsafe-hashes') with
 * exactly this text: for what a page writes itself (is:inline, attributes), which Astro's CSP does
 * not hash on its own.
 */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}
