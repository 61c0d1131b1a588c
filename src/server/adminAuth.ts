import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, dataFiles } from "../records/dataFiles.ts";
import { countOf } from "../lib/plural.ts";

export const SESSION_COOKIE = "aup_admin";
/** Long enough that guessing it over HTTP is hopeless, even at the sign-in limit's pace. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/**
 * The HR admin token: AUP_ADMIN_TOKEN, or else one generated on first use and kept in the data
 * folder (its `adminToken` file, readable by its owner only), so that a fresh install is never open.
 */
export function adminToken(): string {
  const configured = process.env.AUP_ADMIN_TOKEN?.trim();
  if (configured) return longEnough(configured, "AUP_ADMIN_TOKEN");
  const file = adminTokenFile();
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(24).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  }
  return longEnough(readFileSync(file, "utf8").trim(), file);
}

/** The token, or an error (stopping the start) when it is short enough to guess. */
function longEnough(token: string, source: string): string {
  if (token.length >= MIN_ADMIN_TOKEN_LENGTH) return token;
  throw new Error(
    `The admin token in ${source} has ${countOf(token.length, "character")}; it needs at least ${MIN_ADMIN_TOKEN_LENGTH}, so that it cannot be guessed. Make one with: openssl rand -base64 32 (or unset AUP_ADMIN_TOKEN and the server creates one in the data folder).`,
  );
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
