import { keptProducts } from "../../course/keptProducts.ts";
import { browserSeed } from "../../course/browserSeed.ts";
import { quarterOf } from "../../lib/quarters.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";

/** The refresher intro: the quiz is seeded by who the learner is, and drawn from the products they said they use. */
export function RefresherIntro({ course, latestReceipt, learner, missedClauses, products, ready, send }: IntroProps) {
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
    <IntroFrame course={course} latestReceipt={latestReceipt} ready={ready} title="Quarterly refresher" onStart={start}>
      <p>{course.intro}</p>
    </IntroFrame>
  );
}
