import { useState } from "react";
import type { ProductAudience } from "../../course/productAudiences.ts";
import { durationKey } from "../../course/durationKey.ts";
import { keepProducts } from "../../course/keptProducts.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";
import { ProductChoice } from "./ProductChoice.tsx";

/** The onboarding intro: what the course asks of the learner, and which agentic products they use. */
export function OnboardingIntro({ course, latestReceipt, ready, send }: IntroProps) {
  const [audiences, setAudiences] = useState<ProductAudience[]>([]);
  return (
    <IntroFrame
      course={course}
      latestReceipt={latestReceipt}
      ready={ready}
      title="Claude at work: onboarding"
      onStart={() => {
        keepProducts(audiences);
        send({ type: "course.start", audiences });
      }}
    >
      <p>
        {course.intro} Allow {course.duration[durationKey(course.productAudiences, audiences)]}.
      </p>
      <ProductChoice
        offered={course.productAudiences}
        chosen={audiences}
        onChange={setAudiences}
        legend="Which of these do you use? You get their scenarios too."
      />
    </IntroFrame>
  );
}
