import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, dataFiles } from "../records/dataFiles.ts";
import { adminToken, same } from "./adminAuth.ts";

/**
 * The key in a learner's private receipt link (`/receipt/<id>?k=<key>`): an HMAC of the record's
 * hash with a secret of its own, kept in the data folder, so that rotating the admin token (which
 * a leaked session calls for) never breaks the links learners were given.
 */
export function receiptKey(recordHash: string): string {
  return keyWith(receiptSecret(), recordHash);
}

/**
 * Whether `given` opens the receipt of the record with `recordHash`. Links made before receipts had
 * their own secret were keyed with the admin token: they keep working while that token stays.
 */
export function isReceiptKey(recordHash: string, given: string): boolean {
  return [receiptSecret(), adminToken()].some((secret) => same(given, keyWith(secret, recordHash)));
}

function keyWith(secret: string, recordHash: string): string {
  return createHmac("sha256", secret).update(`aup-receipt:${recordHash}`).digest("base64url").slice(0, 32);
}

/** Created on first use (the server's start), readable by its owner only; it never leaves the server. */
export function receiptSecret(): string {
  const file = dataFiles(path.resolve(dataDir())).receiptSecret;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}
