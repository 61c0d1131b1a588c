import type { AstroIntegration } from "astro";

/**
 * The routes that need the records server (API, HR dashboard, receipts). They live in src/routes,
 * not src/pages, so that the SCORM builds, which are plain static files for an LMS, leave them out.
 */
const ROUTES: [pattern: string, entrypoint: string][] = [
  ["/api/acknowledgements", "api/acknowledgements.ts"],
  ["/api/me", "api/me.ts"],
  ["/api/checkpoint", "api/checkpoint.ts"],
  ["/.well-known/jwks.json", "well-known/jwks.ts"],
  ["/api/admin/export", "api/admin/export.ts"],
  ["/api/admin/roster", "api/admin/roster.ts"],
  ["/api/admin/evidence", "api/admin/evidence.ts"],
  ["/admin", "admin/index.astro"],
  ["/admin/sign-in", "admin/sign-in.astro"],
  ["/admin/sign-out", "admin/sign-out.ts"],
  ["/admin/roster", "admin/roster.astro"],
  ["/admin/leaver", "admin/leaver.ts"],
  ["/admin/deployment", "admin/deployment.astro"],
  ["/receipt/[id]", "receipt/[id].astro"],
  ["/auth/sign-in", "auth/sign-in.astro"],
  ["/auth/callback", "auth/callback.astro"],
  ["/auth/sign-out", "auth/sign-out.ts"],
  ["/auth/signed-out", "auth/signed-out.astro"],
  ["/auth/refused", "auth/refused.astro"],
];

export default function aupServerRoutes(): AstroIntegration {
  return {
    name: "aup-server-routes",
    hooks: {
      "astro:config:setup": ({ injectRoute }) => {
        // Rendered on request: they read the records, which change after the build.
        for (const [pattern, entrypoint] of ROUTES)
          injectRoute({ pattern, entrypoint: `./src/routes/${entrypoint}`, prerender: false });
      },
    },
  };
}
