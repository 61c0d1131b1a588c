/** Which attempt at the course a learner is on: both are kept in saved progress, so nothing new is saved. */
export interface AttemptSeed {
  attemptId: string;
  attempt: number;
}

/**
 * The order a question's choices are shown in: positions of the file's choices, in display order.
 * Shuffled per attempt, so that where a choice sits says nothing about whether it is right, and
 * drawn only from the attempt, the scenario and the node: a reload shows the same order. A retry
 * (the next attempt number) never shows a question in the order the attempt before it did, which a
 * fresh shuffle would repeat by chance (one time in two with two choices). Choices are still recorded
 * by their position in the file, so saved progress and results do not depend on it.
 */
export function choiceOrder(seed: AttemptSeed, scenarioId: string, node: string, count: number): number[] {
  const key = `${seed.attemptId}:${seed.attempt} ${scenarioId} ${node}`;
  const before =
    seed.attempt > 1 &&
    count > 1 &&
    choiceOrder({ ...seed, attempt: seed.attempt - 1 }, scenarioId, node, count).join();
  let order = shuffled(key, count);
  // Drawn again (with the draw's number added to the key) until it differs: every other order stays as likely.
  for (let draw = 1; order.join() === before; draw++) order = shuffled(`${key}#${draw}`, count);
  return order;
}

function shuffled(key: string, count: number): number[] {
  // An FNV-1a hash of the key, then each draw remixes it (a 32-bit integer hash): well spread, and
  // smaller than the refresher's generator, which the course page does not otherwise load (90 KB budget).
  let state = 0x811c9dc5;
  for (const char of key) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193);
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
