import { randomBytes } from "node:crypto";

/** How long a dashboard session lasts from sign-in, at most. */
export const SESSION_HOURS = 8;
/** A session no request has used for this long ends too (a dashboard left open on a shared desk). */
export const SESSION_IDLE_MINUTES = 30;
/** More live sessions than HR will ever open; past it the oldest end, so memory stays bounded. */
const MAX_SESSIONS = 1_000;

interface Session {
  expires: number;
  lastUsed: number;
}

/**
 * The dashboard's sessions, in this process's memory: a random id in the cookie, its expiry here.
 * Signing out deletes the entry, so a copied cookie stops working at once; a restart ends every
 * session (HR signs in again), which is the price of keeping no session state on disk. One process
 * only: several server processes would each need the session (the PostgreSQL store, planned).
 * Astro bundles this module once into the server build (the middleware and the sign-in and sign-out
 * routes share its chunk), so every request of the process meets the same map.
 */
const sessions = new Map<string, Session>();

export function openSession(now = Date.now()): { id: string; maxAge: number } {
  prune(now);
  while (sessions.size >= MAX_SESSIONS) {
    const oldest = sessions.keys().next();
    if (oldest.done) break;
    sessions.delete(oldest.value);
  }
  const id = randomBytes(32).toString("base64url");
  sessions.set(id, { expires: now + SESSION_HOURS * 3_600_000, lastUsed: now });
  return { id, maxAge: SESSION_HOURS * 3600 };
}

/** Whether `id` names a live session; using it keeps it from going idle. */
export function touchSession(id: string | undefined, now = Date.now()): boolean {
  if (!id) return false;
  const session = sessions.get(id);
  if (!session) return false;
  if (session.expires <= now || session.lastUsed + SESSION_IDLE_MINUTES * 60_000 <= now) {
    sessions.delete(id);
    return false;
  }
  session.lastUsed = now;
  return true;
}

export function closeSession(id: string | undefined): void {
  if (id) sessions.delete(id);
}

/** Ended sessions leave the map from its front: it is in the order they were opened. */
function prune(now: number): void {
  for (const [id, session] of sessions) {
    if (session.expires > now) return;
    sessions.delete(id);
  }
}
