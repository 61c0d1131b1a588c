import type { APIRoute } from "astro";
import { endSession, OIDC_SESSION_COOKIE } from "../../server/oidcSession.ts";

/** POST /auth/sign-out: ends the provider sign-in's session here (server-side: the cookie names nothing after). */
export const POST: APIRoute = ({ cookies, redirect }) => {
  endSession(cookies.get(OIDC_SESSION_COOKIE)?.value);
  cookies.delete(OIDC_SESSION_COOKIE, { path: "/" });
  return redirect("/auth/signed-out", 303);
};
