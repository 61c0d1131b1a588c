import { isEmail } from "../lib/fieldRules.ts";
import type { Employee } from "../schemas/employee.ts";
import type { IdentityResult } from "./identity.ts";
import type { UserClaims } from "./oidcClient.ts";
import type { SessionStore } from "../records/sessionStore.ts";
import { isStoreError } from "../records/storeError.ts";
import { OIDC_SESSION_COOKIE, readSession, type OidcSession } from "./oidcSession.ts";
import type { OidcSettings } from "./oidcSettings.ts";
import { requestCookie } from "./requestCookie.ts";

/** The session the request's cookie names, if it is live. */
export function requestSession(request: Request, sessions: SessionStore): Promise<OidcSession | undefined> {
  return readSession(sessions, requestCookie(request, OIDC_SESSION_COOKIE));
}

/**
 * The learner a provider sign-in vouches for: the roster's employee with that email when there is
 * one (as with header identity), with the provider's subject, which no rename or new address changes.
 */
export async function oidcIdentity(
  request: Request,
  store: { roster(): readonly Employee[]; readonly sessions: SessionStore },
): Promise<IdentityResult> {
  let session: OidcSession | undefined;
  try {
    session = await requestSession(request, store.sessions);
  } catch (error) {
    // The sessions' store is down (a database gone away): nothing is known of the sign-in, for now.
    if (isStoreError(error)) return { status: 503, error: error.message };
    throw error;
  }
  if (!session)
    return {
      status: 401,
      error:
        "You are not signed in, or your sign-in has ended. Sign in with your organisation's account again: your progress in the course is kept.",
    };
  const employee = store.roster().find((e) => e.email === session.email);
  return {
    learner: {
      id: employee?.id ?? session.email,
      email: session.email,
      name: session.name ?? employee?.name,
      subject: session.subject,
    },
  };
}

/** What a session keeps of the claims; a problem for the person when the provider left out their email. */
export function sessionFields(claims: UserClaims, settings: OidcSettings): OidcSession | { problem: string } {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!isEmail(email) || claims.email_verified === false)
    return {
      problem: `The provider signed you in but gave ${email ? "an unverified" : "no"} email address, which records need. Ask your administrator to release a verified email claim (scope "email") to this application.`,
    };
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : undefined;
  return { subject: claims.sub, email, name, hr: hasHrClaim(claims[settings.hrClaim], settings.hrValues) };
}

/** Whether the claim (a list, as groups are, or one value, as some roles are) holds one of the HR values. */
function hasHrClaim(claim: unknown, values: readonly string[]): boolean {
  const held = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/[\s,]+/) : [];
  return held.some((value) => typeof value === "string" && values.includes(value));
}
