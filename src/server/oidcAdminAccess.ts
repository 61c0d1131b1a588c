import { identityConfig } from "./identity.ts";
import { requestSession } from "./oidcIdentity.ts";

/**
 * Whether a provider sign-in opens the admin routes: `granted` for a live session whose HR claim
 * matched, `refused` for a live session without it (a 403, since signing in again would change
 * nothing), `none` when there is no provider session (or the server does not use one).
 */
export function oidcAdminAccess(request: Request): "granted" | "refused" | "none" {
  if (identityConfig().mode !== "oidc") return "none";
  const session = requestSession(request);
  if (!session) return "none";
  return session.hr ? "granted" : "refused";
}
