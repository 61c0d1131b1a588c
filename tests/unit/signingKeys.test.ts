import { generateKeyPairSync } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { loadKeyring, publishedKeys, rotateKey } from "../../src/records/signingKeys.ts";
import { dataDir } from "../support/records.ts";

const pem = (type: "ed25519" | "rsa") =>
  (type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ed25519")).privateKey
    .export({ format: "pem", type: "pkcs8" })
    .toString();

describe("the signing keys", () => {
  it("are made on first use, owner-only, and the same key is loaded again", () => {
    const dir = dataDir();
    const first = loadKeyring(dir, {});
    expect(statSync(dataFiles(dir).signingKey).mode & 0o777).toBe(0o600);
    expect(loadKeyring(dir, {}).current.kid).toBe(first.current.kid);
    expect(first.jwks.keys).toEqual([
      {
        kty: "OKP",
        crv: "Ed25519",
        x: first.current.publicKey.toString("base64url"),
        kid: first.current.kid,
        alg: "Ed25519",
        use: "sig",
      },
    ]);
    expect(first.origin).toMatch(/^[^\s+]+\/aup-course\/records$/);
    expect(publishedKeys(dir)).toEqual({ origin: first.origin, jwks: first.jwks });
  });

  it("take the key AUP_SIGNING_KEY_FILE names, and keep listing the one it replaced", () => {
    const dir = dataDir();
    const file = path.join(dir, "given.pem");
    writeFileSync(file, pem("ed25519"));
    const given = loadKeyring(dir, { AUP_SIGNING_KEY_FILE: file });
    writeFileSync(file, pem("ed25519"));
    const replaced = loadKeyring(dir, { AUP_SIGNING_KEY_FILE: file });
    expect(replaced.jwks.keys.map((k) => k.kid)).toEqual([replaced.current.kid, given.current.kid]);
    expect(() => rotateKey(dir, { AUP_SIGNING_KEY_FILE: file })).toThrow(
      /rotated there: put a new Ed25519 key in that file/,
    );
  });

  it("refuse a key file that is missing, not a key, or not Ed25519, saying what to give", () => {
    const dir = dataDir();
    const file = path.join(dir, "key.pem");
    expect(() => loadKeyring(dir, { AUP_SIGNING_KEY_FILE: file })).toThrow(
      /key\.pem \(named by AUP_SIGNING_KEY_FILE\) does not exist.*openssl genpkey -algorithm ed25519/,
    );
    writeFileSync(file, "not a key");
    expect(() => loadKeyring(dir, { AUP_SIGNING_KEY_FILE: file })).toThrow(/is not a private key in PEM/);
    writeFileSync(file, pem("rsa"));
    expect(() => loadKeyring(dir, { AUP_SIGNING_KEY_FILE: file })).toThrow(
      /is a rsa key; checkpoints and receipts are signed with Ed25519/,
    );
  });

  it("refuse a damaged list of public keys rather than forget old ones", () => {
    const dir = dataDir();
    loadKeyring(dir, {});
    const list = dataFiles(dir).publicKeys;
    writeFileSync(list, readFileSync(list, "utf8").replace('"OKP"', '"RSA"'));
    expect(() => loadKeyring(dir, {})).toThrow(
      /signing-keys\.json is not a list of signing keys: keys\.0\.kty .*restore it from a backup rather than deleting it/,
    );
  });

  it("rotate to a new key, the old public key listed after it", () => {
    const dir = dataDir();
    const before = loadKeyring(dir, {});
    const after = rotateKey(dir, {});
    expect(after.current.kid).not.toBe(before.current.kid);
    expect(after.jwks.keys.map((k) => k.kid)).toEqual([after.current.kid, before.current.kid]);
    expect(statSync(dataFiles(dir).signingKey).mode & 0o777).toBe(0o600);
  });
});
