const SEED_KEY = "aup-course:refresher-seed";

/**
 * Who the quiz is drawn for when nobody says who the learner is (form identity): an id this browser
 * keeps, so that the quiz stays the same all quarter without asking for the email here and again
 * on the acknowledgement (the one identity step). Storage refused: a quiz of its own for this visit.
 */
export function browserSeed(): string {
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
