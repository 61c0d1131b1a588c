import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, dataFiles } from "../records/dataFiles.ts";

export const SESSION_COOKIE = "aup_admin";
const SESSION_HOURS = 8;

/**
 * The HR admin token: AUP_ADMIN_TOKEN, or else one generated on first use and kept in the data
 * folder (its `adminToken` file, readable by its owner only), so that a fresh install is never open.
 */
export function adminToken(): string {
  const configured = process.env.AUP_ADMIN_TOKEN?.trim();
  if (configured) return configured;
  const file = adminTokenFile();
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}

export function adminTokenFile(): string {
  return dataFiles(path.resolve(dataDir())).adminToken;
}

/** Compares secrets in constant time (digests first, so lengths do not leak). */
export function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

export function isAdminToken(candidate: string): boolean {
  return candidate.length > 0 && same(candidate, adminToken());
}

/** `Authorization: Bearer <token>` carrying the admin token. */
export function hasAdminBearer(request: Request): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ? isAdminToken(match[1].trim()) : false;
}

/** A session cookie value: expiry and an HMAC over it keyed by the admin token. */
export function newSession(now = Date.now()): { value: string; maxAge: number } {
  const expires = now + SESSION_HOURS * 3_600_000;
  return { value: `${expires}.${sign(String(expires))}`, maxAge: SESSION_HOURS * 3600 };
}

export function isValidSession(value: string | undefined, now = Date.now()): boolean {
  const [expires = "", signature = ""] = (value ?? "").split(".");
  return Number(expires) > now && same(signature, sign(expires));
}

function sign(text: string): string {
  return createHmac("sha256", adminToken()).update(`aup-admin-session:${text}`).digest("base64url");
}
