import { randomBytes } from "node:crypto";

/** The cookie that carries a provider sign-in's session id (HttpOnly, SameSite=Lax: see src/routes/auth/callback.astro). */
export const OIDC_SESSION_COOKIE = "aup_oidc";

/** Who the provider said signed in, and until when this server believes it. */
export interface OidcSession {
  subject: string;
  email: string;
  name?: string;
  /** Whether the HR claim carried one of AUP_OIDC_HR_VALUES at sign-in. */
  hr: boolean;
  expiresAt: number;
}

// Sessions are held by this process only, so that signing out, or expiring, ends them for certain:
// a copied cookie names nothing once its entry is gone. A restart signs everyone out, which costs a
// provider round trip (usually silent), never a record. Shared through a global like the records
// store, so that the middleware and every route of the bundle see the same sessions.
const KEY = Symbol.for("aup-course.oidc-sessions");
type Holder = { [KEY]?: { sessions: Map<string, OidcSession>; sweptAt: number } };
const SWEEP_MS = 60_000;

function registry() {
  const holder = globalThis as Holder;
  holder[KEY] ??= { sessions: new Map(), sweptAt: 0 };
  return holder[KEY];
}

/** Starts a session; the id goes in the cookie, for `maxAge` seconds. */
export function createSession(
  who: Omit<OidcSession, "expiresAt">,
  lifetimeMs: number,
  now = Date.now(),
): { id: string; maxAge: number } {
  const store = registry();
  // Expired sessions are dropped at most once a minute, so that sign-ins never walk the map each time.
  if (now - store.sweptAt > SWEEP_MS) {
    for (const [id, session] of store.sessions) if (session.expiresAt <= now) store.sessions.delete(id);
    store.sweptAt = now;
  }
  const id = randomBytes(32).toString("base64url");
  store.sessions.set(id, { ...who, expiresAt: now + lifetimeMs });
  return { id, maxAge: Math.ceil(lifetimeMs / 1000) };
}

/** The live session with this id; an expired one is ended on the way. */
export function readSession(id: string | undefined, now = Date.now()): OidcSession | undefined {
  if (!id) return undefined;
  const { sessions } = registry();
  const session = sessions.get(id);
  if (session && session.expiresAt <= now) sessions.delete(id);
  return session && session.expiresAt > now ? session : undefined;
}

/** Ends a session at once (sign-out); the same cookie then signs nobody in. */
export function endSession(id: string | undefined): void {
  if (id) registry().sessions.delete(id);
}
