import type { CourseDefinition, ProductAudience } from "../course/courseDefinition.ts";
import type { LearnerHistory } from "../records/recordsIndex.ts";
import type { RecordsStore } from "../records/recordsStore.ts";

/**
 * The products a learner said they use, as their latest onboarding record shows them: onboarding
 * plays all or none of each product's scenarios (the server checks it), so the products whose
 * scenarios it holds are the ones they ticked. `undefined` without an onboarding record.
 */
export async function onboardingProducts(
  histories: Iterable<LearnerHistory>,
  store: RecordsStore,
  onboarding: CourseDefinition,
): Promise<ProductAudience[] | undefined> {
  let latest = 0;
  for (const learner of histories)
    for (const summary of learner.records()) if (summary.mode === "onboarding") latest = Math.max(latest, summary.seq);
  const record = latest ? await store.record(latest) : undefined;
  if (!record) return undefined;
  const played = new Set(record.result.scenarios.map((s) => s.id));
  return onboarding.productAudiences.filter((audience) =>
    onboarding.scenarios.some((s) => s.audience === audience && played.has(s.id)),
  );
}
