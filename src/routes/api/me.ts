import type { APIRoute } from "astro";
import published from "virtual:aup/published";
import { missedBefore } from "../../hr/report.ts";
import { quarterOf } from "../../lib/quarters.ts";
import { headerIdentity, identityConfig } from "../../server/identity.ts";
import { oidcIdentity } from "../../server/oidcIdentity.ts";
import { json } from "../../server/jsonResponse.ts";
import { onboardingProducts } from "../../server/onboardingProducts.ts";
import { recordsStore } from "../../server/storeRegistry.ts";
import { standingOf } from "../../releases/updateScope.ts";
import { updateHref } from "../../site/updateLink.ts";

/**
 * GET /api/me: how this server identifies learners, and, when single sign-on says who the learner is,
 * who and which clauses they missed in earlier quarters (their refresher favours those), and the
 * products their onboarding record shows they use (their refresher draws from those). A typed,
 * self-asserted identity gets no history: anyone could type anyone's email. With provider sign-in
 * (oidc), a learner who is not signed in gets 401, and the course sends them to sign in.
 */
export const GET: APIRoute = async ({ request, clientAddress }) => {
  const config = identityConfig();
  const { mode } = config;
  if (mode === "form") return json(200, { mode });
  const store = await recordsStore();
  const identity =
    mode === "oidc"
      ? await oidcIdentity(request, store)
      : headerIdentity(request, clientAddress, config, store.roster());
  if (!("learner" in identity)) {
    const { status, error, fields } = identity;
    return json(status, { mode, error, ...(fields ? { fields } : {}) });
  }
  const histories = store.index.learnersWithId(identity.learner.id);
  const missedClauses = missedBefore(histories, quarterOf(new Date()));
  // The refresher draws from the products the learner ticked at onboarding, as their record shows them.
  const products = await onboardingProducts(histories, store, published.courses.onboarding);
  const update = updateFor(histories.flatMap((h) => h.records()));
  return json(200, {
    mode,
    learner: identity.learner,
    missedClauses,
    ...(products ? { products } : {}),
    ...(update ? { updateHref: update } : {}),
  });
};

/** The update course a learner should take, when their last acknowledgement is of a release an update starts from. */
function updateFor(records: readonly { seq: number; policy: { hash: string } }[]): string | undefined {
  const last = records.reduce<(typeof records)[number] | undefined>((a, r) => (!a || r.seq > a.seq ? r : a), undefined);
  if (!last) return undefined;
  const standing = standingOf(published.releases, published.policy.version, last.policy.hash);
  if (standing.kind !== "update") return undefined;
  return published.updates.some((course) => course.update?.from === standing.from)
    ? updateHref(standing.from)
    : undefined;
}
