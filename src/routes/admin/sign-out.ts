import type { APIRoute } from "astro";
import { SESSION_COOKIE } from "../../server/adminAuth.ts";
import { endSession, OIDC_SESSION_COOKIE } from "../../server/oidcSession.ts";

export const POST: APIRoute = ({ cookies, redirect }) => {
  cookies.delete(SESSION_COOKIE, { path: "/" });
  // HR signed in with the provider signs out of that session too.
  endSession(cookies.get(OIDC_SESSION_COOKIE)?.value);
  cookies.delete(OIDC_SESSION_COOKIE, { path: "/" });
  return redirect("/admin/sign-in", 303);
};
