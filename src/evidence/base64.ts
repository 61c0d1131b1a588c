// Base64 for the evidence formats, in Node and in the browser alike (atob and btoa are in both):
// checkpoints and signed notes use standard base64 with padding, JWKs use base64url without.

/** Standard base64, with padding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/**
 * The bytes of standard base64, or undefined when `text` is not exactly what toBase64 writes:
 * no line breaks, spaces or missing padding, and no stray bits in the last character, so that one
 * value has one spelling (a signed text must not have two that decode alike).
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!STANDARD.test(text)) return undefined;
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  return toBase64(bytes) === text ? bytes : undefined;
}

/** The bytes of base64url without padding (a JWK's `x`), or undefined when `text` is not that. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!URL_SAFE.test(text) || text.length % 4 === 1) return undefined;
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  return fromBase64(standard + "=".repeat((4 - (standard.length % 4)) % 4));
}

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
