import type { APIRoute } from "astro";
import { SESSION_COOKIE } from "../../server/adminAuth.ts";
import { OIDC_SESSION_COOKIE } from "../../server/oidcSession.ts";
import { endSessions } from "../../server/signOut.ts";

/** Ends the session on the server too: a copy of the cookie stops working with the original. */
export const POST: APIRoute = ({ cookies, redirect }) =>
  // HR signed in with the provider signs out of that session too.
  endSessions(cookies, [SESSION_COOKIE, OIDC_SESSION_COOKIE], () => redirect("/admin/sign-in", 303));
