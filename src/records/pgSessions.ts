import type pg from "pg";
import { databaseFailure } from "./pgFailure.ts";
import {
  maxAgeSeconds,
  newSessionId,
  sessionKey,
  type SessionKind,
  type SessionLimits,
  type SessionStore,
} from "./sessionStore.ts";

/** Ended sessions are swept from the table at most this often, by whichever server opens one. */
const SWEEP_MS = 60_000;

/**
 * Sessions in the database's `sessions` table, shared by every server on it: any of them answers
 * any request, and a sign-out on one ends the session on all. Times are milliseconds since 1970 as
 * the server's clock gives them (the clocks of servers behind one balancer agree to well within a
 * session's idle time).
 */
export class PgSessions implements SessionStore {
  private readonly pool: pg.Pool;
  private readonly where: string;
  private sweptAt = 0;

  constructor(pool: pg.Pool, where: string) {
    this.pool = pool;
    this.where = where;
  }

  async open(kind: SessionKind, data: unknown, limits: SessionLimits, now = Date.now()) {
    const id = newSessionId();
    try {
      await this.sweep(now);
      await this.pool.query(
        "INSERT INTO sessions (key, kind, data, expires_at, idle_ms, last_used) VALUES ($1, $2, $3, $4, $5, $6)",
        [sessionKey(id), kind, JSON.stringify(data), now + limits.lifetimeMs, limits.idleMs ?? null, now],
      );
    } catch (error) {
      throw this.failure(error, "The sign-in could not be saved");
    }
    return { id, maxAge: maxAgeSeconds(limits) };
  }

  async use(kind: SessionKind, id: string | undefined, now = Date.now()) {
    if (!id) return undefined;
    try {
      const { rows } = await this.pool.query<{ data: unknown }>(
        `UPDATE sessions SET last_used = $3
          WHERE key = $1 AND kind = $2 AND expires_at > $3 AND (idle_ms IS NULL OR last_used + idle_ms > $3)
          RETURNING data`,
        [sessionKey(id), kind, now],
      );
      return rows[0]?.data;
    } catch (error) {
      throw this.failure(error, "The sign-in could not be checked");
    }
  }

  async end(id: string | undefined) {
    if (!id) return;
    try {
      await this.pool.query("DELETE FROM sessions WHERE key = $1", [sessionKey(id)]);
    } catch (error) {
      throw this.failure(error, "The sign-out could not be saved");
    }
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.sweptAt < SWEEP_MS) return;
    this.sweptAt = now;
    await this.pool.query(
      "DELETE FROM sessions WHERE expires_at <= $1 OR (idle_ms IS NOT NULL AND last_used + idle_ms <= $1)",
      [now],
    );
  }

  private failure(error: unknown, doing: string) {
    return databaseFailure(error, `${doing}: ${this.where} did not answer`, "Try again in a moment.");
  }
}
