import { identityConfig } from "./identity.ts";
import type { SessionStore } from "../records/sessionStore.ts";
import { requestSession } from "./oidcIdentity.ts";

/**
 * Whether a provider sign-in opens the admin routes: `granted` for a live session whose HR claim
 * matched, `refused` for a live session without it (a 403, since signing in again would change
 * nothing), `none` when there is no provider session (or the server does not use one).
 */
export async function oidcAdminAccess(
  request: Request,
  sessions: SessionStore,
): Promise<"granted" | "refused" | "none"> {
  if (identityConfig().mode !== "oidc") return "none";
  const session = await requestSession(request, sessions);
  if (!session) return "none";
  return session.hr ? "granted" : "refused";
}
