import { defineMiddleware, sequence } from "astro:middleware";
import type { APIContext, MiddlewareNext } from "astro";
import { SESSION_COOKIE, hasAdminBearer } from "./server/adminAuth.ts";
import { isStoreError } from "./records/storeError.ts";
import { isAdminSession } from "./server/adminSessions.ts";
import { json } from "./server/jsonResponse.ts";
import { oidcAdminAccess } from "./server/oidcAdminAccess.ts";
import { recordsStore } from "./server/storeRegistry.ts";
import { answerUnexpected } from "./server/unexpectedError.ts";

const OPEN_ADMIN_PAGES = new Set(["/admin/sign-in", "/admin/sign-in/"]);

/**
 * Outermost: an error no route expected is logged once, on one line, and answered with a 500 that
 * carries nothing of it; Astro would otherwise log its whole stack and answer an empty page.
 */
const unexpectedErrors = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    return answerUnexpected(context.request, error);
  }
});

const guarded = defineMiddleware(async (context, next) => {
  const response = await adminOnly(context, next);
  const { pathname } = context.url;
  return isAdminPage(pathname) || pathname.startsWith("/receipt/") ? unframeable(response) : response;
});

export const onRequest = sequence(unexpectedErrors, guarded);

/**
 * Every admin route needs the admin identity: a Bearer token (API and CLI) or the session cookie
 * set by the sign-in page (dashboard), or, with AUP_IDENTITY=oidc, a provider sign-in carrying the HR
 * claim. Nothing under /admin or /api/admin answers without it.
 */
async function adminOnly(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const { pathname } = context.url;
  const isApi = pathname.startsWith("/api/admin");
  const isPage = isAdminPage(pathname) && !OPEN_ADMIN_PAGES.has(pathname);
  if (!isApi && !isPage) return next();
  if (hasAdminBearer(context.request)) return next();
  let provider: Awaited<ReturnType<typeof oidcAdminAccess>>;
  try {
    const { sessions } = await recordsStore();
    if (await isAdminSession(sessions, context.cookies.get(SESSION_COOKIE)?.value)) return next();
    provider = await oidcAdminAccess(context.request, sessions);
  } catch (error) {
    // Sessions live with the records: while they cannot be read, nobody's sign-in can be checked.
    if (!isStoreError(error)) throw error;
    return isApi
      ? json(503, { error: error.message })
      : new Response(error.message, {
          status: 503,
          headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "30" },
        });
  }
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
}

function isAdminPage(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

/**
 * HR's pages and receipts never show inside another site's frame (clickjacking). Added to the
 * page's own policy, which Astro computes when the page renders: the directive has no effect in a
 * <meta> element, so it must be in the header.
 */
function unframeable(response: Response): Response {
  const policy = response.headers.get("content-security-policy");
  if (policy === null || /frame-ancestors/.test(policy)) return response;
  response.headers.set("content-security-policy", `${policy.trimEnd().replace(/;?$/, ";")} frame-ancestors 'none';`);
  return response;
}
