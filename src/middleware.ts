import { defineMiddleware } from "astro:middleware";
import { SESSION_COOKIE, hasAdminBearer, isValidSession } from "./server/adminAuth.ts";
import { json } from "./server/jsonResponse.ts";
import { oidcAdminAccess } from "./server/oidcAdminAccess.ts";

const OPEN_ADMIN_PAGES = new Set(["/admin/sign-in", "/admin/sign-in/"]);

/**
 * Every admin route needs the admin identity: a Bearer token (API and CLI) or the session cookie
 * set by the sign-in page (dashboard), or, with AUP_IDENTITY=oidc, a provider sign-in carrying the HR
 * claim. Nothing under /admin or /api/admin answers without it.
 */
export const onRequest = defineMiddleware((context, next) => {
  const { pathname } = context.url;
  const isApi = pathname.startsWith("/api/admin");
  const isPage = pathname === "/admin" || (pathname.startsWith("/admin/") && !OPEN_ADMIN_PAGES.has(pathname));
  if (!isApi && !isPage) return next();
  if (hasAdminBearer(context.request) || isValidSession(context.cookies.get(SESSION_COOKIE)?.value)) return next();
  const provider = oidcAdminAccess(context.request);
  if (provider === "granted") return next();
  if (provider === "refused")
    return isApi
      ? json(403, {
          error:
            "Your provider sign-in does not carry the HR claim that admin access needs: ask your identity administrator for HR access, or send Authorization: Bearer <AUP_ADMIN_TOKEN>.",
        })
      : context.rewrite("/auth/refused");
  if (isApi)
    return json(
      401,
      { error: "Admin access needs Authorization: Bearer <AUP_ADMIN_TOKEN>." },
      { "www-authenticate": 'Bearer realm="aup-course admin"' },
    );
  return context.redirect(`/admin/sign-in?next=${encodeURIComponent(pathname + context.url.search)}`, 303);
});
