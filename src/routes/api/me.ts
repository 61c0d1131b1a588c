import type { APIRoute } from "astro";
import { headerIdentity, identityConfig } from "../../server/identity.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

/** GET /api/me: how this server identifies learners, and who the learner is when single sign-on says. */
export const GET: APIRoute = async ({ request, clientAddress }) => {
  const config = identityConfig();
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    });
  if (config.mode === "form") return json(200, { mode: "form" });
  const identity = headerIdentity(request, clientAddress, config, (await recordsStore()).state.data.roster);
  return "learner" in identity
    ? json(200, { mode: "header", learner: identity.learner })
    : json(identity.status, { mode: "header", error: identity.error });
};
