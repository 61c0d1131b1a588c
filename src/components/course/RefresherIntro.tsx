import { useState } from "react";
import { keepProducts, knownProducts } from "../../course/keptProducts.ts";
import type { ProductAudience } from "../../course/productAudiences.ts";
import { browserSeed } from "../../course/browserSeed.ts";
import { quarterOf } from "../../lib/quarters.ts";
import type { IntroProps } from "./courseMode.ts";
import { IntroFrame } from "./IntroFrame.tsx";
import { ProductChoice } from "./ProductChoice.tsx";

/**
 * The refresher intro: the quiz is seeded by who the learner is, and drawn from the products they
 * use. When neither single sign-on nor this browser knows those, the intro asks them, once: the
 * answer is kept (src/course/keptProducts.ts), so that the next quarter's refresher does not ask again.
 * Only once the page runs (`ready`): the server's HTML cannot know, and asks nothing.
 */
export function RefresherIntro({ course, latestReceipt, learner, missedClauses, products, ready, send }: IntroProps) {
  const [chosen, setChosen] = useState<ProductAudience[]>([]);
  const known = ready ? knownProducts(products) : undefined;
  // ProductChoice shows nothing when the organisation deploys no product to ask about.
  const asks = ready && !known;
  const start = () => {
    if (asks) keepProducts(chosen);
    send({
      type: "course.start",
      learnerId: learner?.id ?? browserSeed(),
      quarter: quarterOf(new Date()),
      missedClauses,
      audiences: known ?? chosen,
    });
  };
  return (
    <IntroFrame course={course} latestReceipt={latestReceipt} ready={ready} title="Quarterly refresher" onStart={start}>
      <p>{course.intro}</p>
      {asks && (
        <ProductChoice
          offered={course.productAudiences}
          chosen={chosen}
          onChange={setChosen}
          legend="Which of these do you use? Your refresher draws on them too."
        />
      )}
    </IntroFrame>
  );
}
