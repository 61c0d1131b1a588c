import type { APIRoute } from "astro";
import { OIDC_SESSION_COOKIE } from "../../server/oidcSession.ts";
import { endSessions } from "../../server/signOut.ts";

/** POST /auth/sign-out: ends the provider sign-in's session here (server-side: the cookie names nothing after). */
export const POST: APIRoute = ({ cookies, redirect }) =>
  endSessions(cookies, [OIDC_SESSION_COOKIE], () => redirect("/auth/signed-out", 303));
