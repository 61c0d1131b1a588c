import type { APIRoute } from "astro";
import { missedBefore } from "../../hr/report.ts";
import { quarterOf } from "../../lib/quarters.ts";
import { headerIdentity, identityConfig } from "../../server/identity.ts";
import { json } from "../../server/jsonResponse.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

/**
 * GET /api/me: how this server identifies learners, and, when single sign-on says who the learner is,
 * who and which clauses they missed in earlier quarters (their refresher favours those). A typed,
 * self-asserted identity gets no history: anyone could type anyone's email.
 */
export const GET: APIRoute = async ({ request, clientAddress }) => {
  const config = identityConfig();
  if (config.mode === "form") return json(200, { mode: "form" });
  const store = await recordsStore();
  const identity = headerIdentity(request, clientAddress, config, store.roster());
  if (!("learner" in identity)) return json(identity.status, { mode: "header", error: identity.error });
  const missedClauses = missedBefore(store.index.learnersWithId(identity.learner.id), quarterOf(new Date()));
  return json(200, { mode: "header", learner: identity.learner, missedClauses });
};
