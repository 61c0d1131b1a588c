// Reading the public keys a verifier is given: a JWKS as the server publishes it at
// /.well-known/jwks.json and the evidence pack holds it. Isomorphic (the /verify page uses it).
import { fromBase64Url } from "./base64.ts";

/** One Ed25519 public key of a JWKS. */
export interface Ed25519Jwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg?: string;
  use?: string;
}

export interface Jwks {
  keys: Ed25519Jwk[];
}

export interface JwksKey {
  kid: string;
  /** The raw 32-byte public key. */
  publicKey: Uint8Array;
}

export type ReadJwks = { ok: true; jwks: Jwks; keys: JwksKey[] } | { ok: false; problem: string };

const FIX =
  "Use the public keys exactly as published: the site's /.well-known/jwks.json, or jwks.json in the evidence pack.";

/**
 * The Ed25519 signing keys of a JWKS (JSON text or its parsed value). Keys of other kinds are left
 * out (a JWKS may hold them); an Ed25519 key that is not well formed is refused, not skipped, so
 * that a damaged key is named instead of showing up later as "signed by another key".
 */
export function readJwks(input: unknown): ReadJwks {
  const fail = (problem: string): ReadJwks => ({
    ok: false,
    problem: `The public keys cannot be used: ${problem}. ${FIX}`,
  });
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail(`they are not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof value !== "object" || value === null || !Array.isArray((value as { keys?: unknown }).keys))
    return fail('they are not a JWKS (a JSON object with a "keys" list)');
  const keys: JwksKey[] = [];
  const jwks: Ed25519Jwk[] = [];
  for (const [i, jwk] of (value as { keys: unknown[] }).keys.entries()) {
    if (typeof jwk !== "object" || jwk === null) return fail(`key ${i + 1} of the list is not a JSON object`);
    const { kty, crv, x, kid, alg, use } = jwk as Record<string, unknown>;
    if (kty !== "OKP" || crv !== "Ed25519") continue;
    const name = typeof kid === "string" && kid !== "" ? kid : undefined;
    if (!name) return fail(`key ${i + 1} of the list, an Ed25519 key, has no "kid" (key id)`);
    const publicKey = typeof x === "string" ? fromBase64Url(x) : undefined;
    if (publicKey?.length !== 32)
      return fail(`key ${name} has an "x" that is not the base64url of a 32-byte Ed25519 public key`);
    if (alg !== undefined && alg !== "Ed25519" && alg !== "EdDSA")
      return fail(`key ${name} is for ${JSON.stringify(alg)} signatures, not Ed25519`);
    if (use !== undefined && use !== "sig") return fail(`key ${name} is for ${JSON.stringify(use)}, not signatures`);
    if (keys.some((key) => key.kid === name)) return fail(`the key id ${name} appears twice`);
    keys.push({ kid: name, publicKey });
    jwks.push(jwk as Ed25519Jwk);
  }
  if (!keys.length) return fail("they hold no Ed25519 public key");
  return { ok: true, jwks: { keys: jwks }, keys };
}
