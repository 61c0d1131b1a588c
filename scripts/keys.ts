// `npm run keys [-- --rotate]`: prints the public keys that check this data folder's checkpoints and
// receipts (a JWKS, as GET /.well-known/jwks.json serves it), creating the signing key on first use.
// `--rotate` replaces the data folder's signing key with a new one while the server is stopped; the
// old public key stays listed, so every receipt it signed still verifies.
import path from "node:path";
import { parseArgs } from "node:util";
import { acquireDataLock } from "../src/records/dataLock.ts";
import { dataDir } from "../src/records/dataFiles.ts";
import { loadKeyring, rotateKey } from "../src/records/signingKeys.ts";
import { isStoreError } from "../src/records/storeError.ts";

const USAGE = "Usage: npm run keys [-- --rotate]";

let rotate = false;
try {
  rotate = parseArgs({ options: { rotate: { type: "boolean" } }, strict: true }).values.rotate ?? false;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const dir = path.resolve(dataDir());
try {
  let keyring;
  if (rotate) {
    // The lock keeps a running server from signing with a key that no longer is the current one.
    const release = lockForRotation(dir);
    try {
      keyring = rotateKey(dir);
    } finally {
      release();
    }
    console.error(
      `A new signing key (${keyring.current.kid}) replaces the old one, which stays in the list below so that what it signed still verifies. Start the server to sign with it.`,
    );
  } else keyring = loadKeyring(dir);
  console.error(`Log origin: ${keyring.origin}; signing key: ${keyring.current.kid}.`);
  console.log(JSON.stringify(keyring.jwks, null, 2));
} catch (error) {
  if (!isStoreError(error)) throw error;
  console.error(error.message);
  process.exit(1);
}

/** The data folder's lock, or a StoreError saying that a key is rotated while its server is stopped. */
function lockForRotation(folder: string): () => void {
  try {
    return acquireDataLock(folder, (message) => console.error(message));
  } catch (error) {
    if (isStoreError(error, "locked"))
      error.message +=
        " A key is rotated while its server is stopped: stop it, run npm run keys -- --rotate, then start it again.";
    throw error;
  }
}
