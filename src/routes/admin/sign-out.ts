import type { APIRoute } from "astro";
import { SESSION_COOKIE } from "../../server/adminAuth.ts";

export const POST: APIRoute = ({ cookies, redirect }) => {
  cookies.delete(SESSION_COOKIE, { path: "/" });
  return redirect("/admin/sign-in", 303);
};
