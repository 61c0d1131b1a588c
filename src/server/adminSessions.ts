import type { SessionStore } from "../records/sessionStore.ts";

/** How long a dashboard session lasts from sign-in, at most. */
export const SESSION_HOURS = 8;
/** A session no request has used for this long ends too (a dashboard left open on a shared desk). */
export const SESSION_IDLE_MINUTES = 30;

const LIMITS = { lifetimeMs: SESSION_HOURS * 3_600_000, idleMs: SESSION_IDLE_MINUTES * 60_000 };

/**
 * The dashboard's sessions (an HR sign-in with the admin token), kept by the records store: a
 * random id in the cookie, the session where every server on the same records sees it. Signing out
 * ends it there, so a copied cookie stops working at once, on every server.
 */
export function openAdminSession(sessions: SessionStore, now?: number): Promise<{ id: string; maxAge: number }> {
  return sessions.open("admin", {}, LIMITS, now);
}

/** Whether `id` names a live dashboard session; using it keeps it from going idle. */
export async function isAdminSession(sessions: SessionStore, id: string | undefined, now?: number): Promise<boolean> {
  return (await sessions.use("admin", id, now)) !== undefined;
}
