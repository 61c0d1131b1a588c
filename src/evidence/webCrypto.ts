/**
 * The message for a browser that hides WebCrypto: it offers crypto.subtle only in a secure context,
 * so a page served over plain http from another machine cannot check signatures.
 */
export const NO_WEB_CRYPTO =
  "This browser does not offer WebCrypto (crypto.subtle) here, which checking signatures needs. Browsers offer it only in a secure context: open this page over https, from localhost, or save it and open the saved file.";

/** WebCrypto's SubtleCrypto, in Node and in the browser; throws NO_WEB_CRYPTO where there is none. */
export function webCrypto(): SubtleCrypto {
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (!subtle) throw new Error(NO_WEB_CRYPTO);
  return subtle;
}
