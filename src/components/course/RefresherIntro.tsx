import { keptProducts } from "../../course/keptProducts.ts";
import { quarterOf } from "../../lib/quarters.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";

const SEED_KEY = "aup-course:refresher-seed";

/**
 * Who the quiz is drawn for when nobody says who the learner is (form identity): an id this browser
 * keeps, so that the quiz stays the same all quarter without asking for the email here and again
 * on the acknowledgement (the one identity step). Storage refused: a quiz of its own for this visit.
 */
function browserSeed(): string {
  // Math.random, not crypto.randomUUID, which a package served over plain HTTP does not have: a seed need not be secret.
  const fresh = Math.random().toString(36).slice(2);
  try {
    const seed = localStorage.getItem(SEED_KEY) ?? fresh;
    localStorage.setItem(SEED_KEY, seed);
    return seed;
  } catch {
    return fresh;
  }
}

/** The refresher intro: the quiz is seeded by who the learner is, and drawn from the products they said they use. */
export function RefresherIntro({ course, latestReceipt, learner, missedClauses, products, send }: IntroProps) {
  const start = () =>
    send({
      type: "course.start",
      learnerId: learner?.id ?? browserSeed(),
      quarter: quarterOf(new Date()),
      missedClauses,
      // The onboarding record's (single sign-on) before this browser's memory of the ticks.
      audiences: products ?? keptProducts(),
    });
  return (
    <IntroFrame course={course} latestReceipt={latestReceipt} title="Quarterly refresher" onStart={start}>
      <p>{course.intro}</p>
    </IntroFrame>
  );
}
