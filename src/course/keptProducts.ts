import { isProductAudience, type ProductAudience } from "./productAudiences.ts";

/**
 * The products a learner said they use, asked once (on the onboarding's intro, or on the refresher's
 * when nothing knew them) and kept in this browser, so that each refresher draws from them without
 * asking again. `undefined` when this browser never heard: storage may be refused (a locked-down LMS
 * frame), which only loses the memory.
 */
const KEY = "aup-course:products";

export function keepProducts(audiences: readonly ProductAudience[]): void {
  try {
    localStorage.setItem(KEY, audiences.join(" "));
  } catch {
    // Not kept: the refresher then leaves every product's scenarios out.
  }
}

export function keptProducts(): ProductAudience[] | undefined {
  try {
    const kept = localStorage.getItem(KEY);
    return kept === null ? undefined : kept.split(" ").filter(isProductAudience);
  } catch {
    return undefined;
  }
}

/**
 * The products a refresher draws from: the onboarding record's, when single sign-on has it
 * (`GET /api/me` answers `products`), else this browser's memory of the ticks; undefined when
 * neither knows, and the refresher intro then asks.
 */
export function knownProducts(fromSignIn: ProductAudience[] | undefined): ProductAudience[] | undefined {
  return fromSignIn ?? keptProducts();
}
