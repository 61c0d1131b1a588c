/**
 * The order a question's choices are shown in: positions of the file's choices, in display order.
 * Shuffled per attempt, so that where a choice sits says nothing about whether it is right, and
 * drawn only from the attempt (its id and number, both kept in saved progress), the scenario and
 * the node: a reload shows the same order, a retry or a new attempt another. Choices are still
 * recorded by their position in the file, so saved progress and results do not depend on it.
 */
export function choiceOrder(seed: string, scenarioId: string, node: string, count: number): number[] {
  // An FNV-1a hash of the key, then each draw remixes it (a 32-bit integer hash): well spread, and
  // smaller than the refresher's generator, which the course page does not otherwise load (90 KB budget).
  let state = 0x811c9dc5;
  for (const char of `${seed} ${scenarioId} ${node}`) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193);
  const order = Array.from({ length: count }, (_, i) => i);
  // Fisher-Yates: every order equally likely, given uniform draws.
  for (let i = count - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 16), 0x45d9f3b);
    state = Math.imul(state ^ (state >>> 16), 0x45d9f3b);
    const j = ((state ^ (state >>> 16)) >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}

/** The shuffle's seed for one attempt at the course: nothing new to save, as progress keeps both. */
export function attemptSeed({ attemptId, attempt }: { attemptId: string; attempt: number }): string {
  return `${attemptId}:${attempt}`;
}
