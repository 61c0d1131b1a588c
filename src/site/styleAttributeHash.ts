import { createHash } from "node:crypto";

/** The CSP source that allows a style attribute with exactly this value (`'unsafe-hashes'` needed too). */
export function styleAttributeHash(value: string): `sha256-${string}` {
  return `sha256-${createHash("sha256").update(value, "utf8").digest("base64")}`;
}
