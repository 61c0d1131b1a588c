import type { APIRoute } from "astro";
import { SESSION_COOKIE } from "../../server/adminAuth.ts";
import { closeSession } from "../../server/adminSessions.ts";
import { endSession, OIDC_SESSION_COOKIE } from "../../server/oidcSession.ts";

/** Ends the session on the server too: a copy of the cookie stops working with the original. */
export const POST: APIRoute = ({ cookies, redirect }) => {
  closeSession(cookies.get(SESSION_COOKIE)?.value);
  cookies.delete(SESSION_COOKIE, { path: "/" });
  // HR signed in with the provider signs out of that session too.
  endSession(cookies.get(OIDC_SESSION_COOKIE)?.value);
  cookies.delete(OIDC_SESSION_COOKIE, { path: "/" });
  return redirect("/admin/sign-in", 303);
};
