import { createHash, randomBytes } from "node:crypto";

/** What a session is for: an HR sign-in with the admin token, or a sign-in at the identity provider. */
export type SessionKind = "admin" | "oidc";

/** How long a session lives: at most `lifetimeMs` from its start, and `idleMs` from its last use when set. */
export interface SessionLimits {
  lifetimeMs: number;
  idleMs?: number;
}

/**
 * Sign-in sessions, kept where the records are so that every server on the same records sees the
 * same ones: a session opened on one answers on another (no sticky load balancing), and ending it
 * on one ends it everywhere. The cookie carries a random id; the store keeps only its hash, so that
 * someone who reads the store cannot sign in with what they read.
 */
export interface SessionStore {
  /** Starts a session holding `data`; its id goes in the cookie, for `maxAge` seconds. */
  open(kind: SessionKind, data: unknown, limits: SessionLimits, now?: number): Promise<{ id: string; maxAge: number }>;
  /** The data of the live session of `kind` with this id, keeping it from going idle; undefined once ended. */
  use(kind: SessionKind, id: string | undefined, now?: number): Promise<unknown>;
  /** Ends the session at once (sign-out): the same cookie then opens nothing, on any server. */
  end(id: string | undefined): Promise<void>;
}

/** A cookie's session id: 32 random bytes, which nobody guesses. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps in place of the id. */
export function sessionKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

export function maxAgeSeconds({ lifetimeMs }: SessionLimits): number {
  return Math.ceil(lifetimeMs / 1000);
}

interface Held {
  kind: SessionKind;
  data: unknown;
  expires: number;
  idleMs: number | undefined;
  lastUsed: number;
}

/** More live sessions than an organisation's HR and learners open in a day; past it the oldest end, so memory stays bounded. */
const MAX_SESSIONS = 100_000;

/**
 * The embedded store's sessions: in its process's memory, which is the only process on its data
 * folder. A restart ends every session (people sign in again), which is the price of keeping no
 * session state on disk; no record is ever lost by it.
 */
export class MemorySessions implements SessionStore {
  /** In the order sessions were opened, so that expired ones leave from the front. */
  private readonly held = new Map<string, Held>();

  open(kind: SessionKind, data: unknown, limits: SessionLimits, now = Date.now()) {
    this.prune(now);
    while (this.held.size >= MAX_SESSIONS) {
      const oldest = this.held.keys().next();
      if (oldest.done) break;
      this.held.delete(oldest.value);
    }
    const id = newSessionId();
    this.held.set(sessionKey(id), {
      kind,
      data,
      expires: now + limits.lifetimeMs,
      idleMs: limits.idleMs,
      lastUsed: now,
    });
    return Promise.resolve({ id, maxAge: maxAgeSeconds(limits) });
  }

  use(kind: SessionKind, id: string | undefined, now = Date.now()) {
    if (!id) return Promise.resolve(undefined);
    const key = sessionKey(id);
    const session = this.held.get(key);
    if (!session || session.kind !== kind) return Promise.resolve(undefined);
    if (session.expires <= now || (session.idleMs !== undefined && session.lastUsed + session.idleMs <= now)) {
      this.held.delete(key);
      return Promise.resolve(undefined);
    }
    session.lastUsed = now;
    return Promise.resolve(session.data);
  }

  end(id: string | undefined) {
    if (id) this.held.delete(sessionKey(id));
    return Promise.resolve();
  }

  private prune(now: number): void {
    for (const [key, session] of this.held) {
      if (session.expires > now) return;
      this.held.delete(key);
    }
  }
}
