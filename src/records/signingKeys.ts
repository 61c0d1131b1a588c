import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";
import { dataFiles } from "./dataFiles.ts";
import { readFailure } from "./readFailure.ts";
import { replaceFileSync } from "./replaceFile.ts";
import { StoreError } from "./storeError.ts";

/** A public Ed25519 key as a JWK (RFC 8037), named by its RFC 7638 thumbprint. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "Ed25519";
  use: "sig";
}

export interface SigningKey {
  privateKey: KeyObject;
  kid: string;
  /** The 32-byte public key, as a signed note's key hash needs it. */
  publicKey: Buffer;
}

/** What signs checkpoints and receipts: the log's origin, the current key, and every public key the log has used. */
export interface Keyring {
  /** The checkpoints' origin line and the signed notes' key name. */
  origin: string;
  current: SigningKey;
  /** Current first, then retired ones, newest first: a JWKS (`GET /.well-known/jwks.json`). */
  jwks: { keys: PublicJwk[] };
}

const JwkSchema = z.strictObject({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url Ed25519 public key"),
  kid: z.string().min(1),
  alg: z.literal("Ed25519"),
  use: z.literal("sig"),
});
/** c2sp: an origin is a schema-less URL without spaces or plus signs. */
const ORIGIN = /^[^\s+]+$/;
const PublicKeysSchema = z.strictObject({
  origin: z
    .string()
    .regex(ORIGIN, "must have no spaces or plus signs (a schema-less URL, e.g. example.com/aup-records)"),
  keys: z.array(JwkSchema),
});
type PublicKeys = z.infer<typeof PublicKeysSchema>;

/**
 * The keyring of the data folder `dir`: the signing key from AUP_SIGNING_KEY_FILE, or the folder's
 * own (created, owner-only, on first use), and the folder's list of public keys, to which the
 * current key is added when it is new (a key given by the environment and later replaced stays
 * listed, so receipts it signed still verify).
 */
export function loadKeyring(dir: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  const files = dataFiles(dir);
  const given = env.AUP_SIGNING_KEY_FILE?.trim();
  if (!given && !existsSync(files.signingKey)) writeNewKey(files.signingKey);
  const current = signingKeyFrom(
    given ? path.resolve(given) : files.signingKey,
    given ? "AUP_SIGNING_KEY_FILE" : undefined,
  );
  const listed = readPublicKeys(files.publicKeys) ?? { origin: defaultOrigin(), keys: [] };
  if (!listed.keys.some((key) => key.kid === current.kid)) {
    listed.keys.unshift(publicJwk(current.publicKey, current.kid));
    writeJsonAtomically(files.publicKeys, listed);
  }
  const keys = [...listed.keys].sort((a, b) => Number(b.kid === current.kid) - Number(a.kid === current.kid));
  return { origin: listed.origin, current, jwks: { keys } };
}

/**
 * Replaces the data folder's signing key with a new one; the old public key stays listed so that
 * every receipt and checkpoint it signed still verifies. Run while the server is stopped.
 */
export function rotateKey(dir: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  if (env.AUP_SIGNING_KEY_FILE?.trim())
    throw new StoreError(
      "locked",
      "The signing key comes from AUP_SIGNING_KEY_FILE, so it is rotated there: put a new Ed25519 key in that file (openssl genpkey -algorithm ed25519 -out FILE) and start the server; the old public key stays in the data folder's list.",
    );
  const before = loadKeyring(dir, env); // lists the current key before it is replaced
  replaceFileSync(dataFiles(dir).signingKey, newKeyPem());
  const after = loadKeyring(dir, env);
  if (after.current.kid === before.current.kid) throw new Error("the new signing key is the old one");
  return after;
}

function writeNewKey(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, newKeyPem(), { mode: 0o600, flag: "wx" });
}

function newKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

function signingKeyFrom(file: string, variable?: string): SigningKey {
  const where = variable ? `${file} (named by ${variable})` : file;
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && variable)
      throw new StoreError(
        "unreadable",
        `${where} does not exist. Point ${variable} at an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519 -out FILE), or unset it to use the data folder's key.`,
      );
    throw readFailure(file, error);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new StoreError(
      "damaged",
      `${where} is not a private key in PEM (${(error as Error).message}). Give an Ed25519 key made by openssl genpkey -algorithm ed25519, or restore the file from a backup.`,
    );
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new StoreError(
      "damaged",
      `${where} is a ${privateKey.asymmetricKeyType} key; checkpoints and receipts are signed with Ed25519. Make one with openssl genpkey -algorithm ed25519.`,
    );
  const x = createPublicKey(privateKey).export({ format: "jwk" }).x as string;
  return { privateKey, kid: thumbprint(x), publicKey: Buffer.from(x, "base64url") };
}

/** The data folder's public keys as a JWKS, read only (nothing is created); undefined when it has none yet. */
export function publishedKeys(dir: string): { origin: string; jwks: { keys: PublicJwk[] } } | undefined {
  const listed = readPublicKeys(dataFiles(dir).publicKeys);
  return listed && { origin: listed.origin, jwks: { keys: listed.keys } };
}

function readPublicKeys(file: string): PublicKeys | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw readFailure(file, error);
  }
  const ifDamaged =
    "It lists the public keys that old receipts are checked with: restore it from a backup rather than deleting it.";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreError("damaged", `${file} is not valid JSON (${(error as Error).message}). ${ifDamaged}`);
  }
  const parsed = PublicKeysSchema.safeParse(value);
  if (!parsed.success)
    throw new StoreError(
      "damaged",
      `${file} is not a list of signing keys: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"} ${i.message}`).join("; ")}. ${ifDamaged}`,
    );
  return parsed.data;
}

function writeJsonAtomically(file: string, value: unknown): void {
  replaceFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function publicJwk(publicKey: Buffer, kid: string): PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: publicKey.toString("base64url"), kid, alg: "Ed25519", use: "sig" };
}

/** RFC 7638: SHA-256 of the key's required members in lexical order, base64url. */
function thumbprint(x: string): string {
  return createHash("sha256")
    .update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x }))
    .digest("base64url");
}

/** The log's name until the operator chooses one: this machine, made a valid origin. */
function defaultOrigin(): string {
  const host =
    hostname()
      .toLowerCase()
      .replace(/[^a-z0-9.-]/g, "-") || "localhost";
  return `${host}/aup-course/records`;
}
