import { z } from "zod";
import type { SessionStore } from "../records/sessionStore.ts";

/** The cookie that carries a provider sign-in's session id (HttpOnly, SameSite=Lax: see src/routes/auth/callback.astro). */
export const OIDC_SESSION_COOKIE = "aup_oidc";

/** Who the provider said signed in. */
const OidcSessionSchema = z.object({
  subject: z.string().min(1),
  email: z.string().min(1),
  name: z.string().optional(),
  /** Whether the HR claim carried one of AUP_OIDC_HR_VALUES at sign-in. */
  hr: z.boolean(),
});
export type OidcSession = z.infer<typeof OidcSessionSchema>;

// Sessions live in the records store, so that signing out, or expiring, ends them for certain and
// on every server: a copied cookie names nothing once its entry is gone.

/** Starts a session for `lifetimeMs`; the id goes in the cookie, for `maxAge` seconds. */
export function createSession(
  sessions: SessionStore,
  who: OidcSession,
  lifetimeMs: number,
  now?: number,
): Promise<{ id: string; maxAge: number }> {
  return sessions.open("oidc", who, { lifetimeMs }, now);
}

/**
 * The live session with this id. What the store gives back is read like any file: a session that
 * is not what a sign-in saves (written by another release, or by hand) signs nobody in.
 */
export async function readSession(
  sessions: SessionStore,
  id: string | undefined,
  now?: number,
): Promise<OidcSession | undefined> {
  const parsed = OidcSessionSchema.safeParse(await sessions.use("oidc", id, now));
  return parsed.success ? parsed.data : undefined;
}
