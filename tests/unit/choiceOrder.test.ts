import { describe, expect, it } from "vitest";
import { betterChoice } from "../../src/course/betterChoice.ts";
import { choiceOrder } from "../../src/course/choiceOrder.ts";
import type { CourseContext } from "../../src/machines/courseContext.ts";
import { MemoryStorage, playScenario, readPolicy, shippedCourse, startCourse } from "../support/courseFixture.ts";

const course = shippedCourse();
const questions = course.scenarios.flatMap((scenario) =>
  Object.entries(scenario.nodes).flatMap(([node, question]) =>
    question.type === "question" ? [{ scenario, node, question }] : [],
  ),
);

/** The order every question of the bank would show in on the attempt `context` describes. */
function ordersOf(context: Pick<CourseContext, "attemptId" | "attempt">): string[] {
  return questions.map(({ scenario, node, question }) =>
    choiceOrder(context, scenario.id, node, question.choices.length).join(""),
  );
}

describe("choice order", () => {
  it("is a permutation of the question's choices, the same every time for the same attempt", () => {
    for (const { scenario, node, question } of questions) {
      const order = choiceOrder({ attemptId: "attempt1", attempt: 1 }, scenario.id, node, question.choices.length);
      expect([...order].sort()).toEqual(question.choices.map((_, i) => i));
      expect(choiceOrder({ attemptId: "attempt1", attempt: 1 }, scenario.id, node, question.choices.length)).toEqual(
        order,
      );
    }
  });

  it("shows every question in another order on a retry than on the attempt before, and varies between new attempts", () => {
    const sameAs = (a: string[], b: string[]) => a.filter((order, i) => order === b[i]).length;
    for (const attemptId of ["k3f9x2", "p7q2m8", "z0z0z0"]) {
      const orders = [1, 2, 3, 4].map((attempt) => ordersOf({ attemptId, attempt }));
      for (let n = 1; n < orders.length; n++) expect(sameAs(orders[n - 1] ?? [], orders[n] ?? [])).toBe(0);
    }
    // A new attempt (another id) is a fresh shuffle: two or three choices repeat an order by chance (1 in 2, 1 in 6).
    const first = ordersOf({ attemptId: "k3f9x2", attempt: 1 });
    expect(sameAs(first, ordersOf({ attemptId: "p7q2m8", attempt: 1 }))).toBeLessThan(questions.length / 2);
  });

  it("draws a retry's order evenly from the orders the attempt before did not show", () => {
    const seen = new Map<string, number>();
    const attempts = 6000;
    for (let i = 0; i < attempts; i++) {
      const seed = { attemptId: `r${i}`, attempt: 1 };
      const before = choiceOrder(seed, "scenario", "node", 3).join("");
      const retry = choiceOrder({ ...seed, attempt: 2 }, "scenario", "node", 3).join("");
      expect(retry).not.toBe(before);
      const shift = `${before}>${retry}`;
      seen.set(shift, (seen.get(shift) ?? 0) + 1);
    }
    // 6 orders before, each followed by one of the 5 others, about equally often.
    expect(seen.size).toBe(30);
    for (const times of seen.values()) expect(Math.abs(times - attempts / 30) / (attempts / 30)).toBeLessThan(0.3);
  });

  it("shows every order about equally often over many attempts", () => {
    for (const count of [2, 3, 4]) {
      const seen = new Map<string, number>();
      const attempts = 6000;
      for (let i = 0; i < attempts; i++) {
        const order = choiceOrder({ attemptId: `a${i}`, attempt: 1 }, "scenario", "node", count).join("");
        seen.set(order, (seen.get(order) ?? 0) + 1);
      }
      const orders = [...seen.values()];
      const expected = attempts / orders.length;
      expect(orders.length).toBe([1, 2, 6, 24][count - 1]);
      for (const times of orders) expect(Math.abs(times - expected) / expected).toBeLessThan(0.15);
    }
  });

  it("puts the right answer in each position about equally often across the bank", () => {
    const positions = [0, 0, 0];
    for (let attempt = 1; attempt <= 200; attempt++) {
      const seed = { attemptId: "bank", attempt };
      for (const { scenario, node, question } of questions) {
        if (question.choices.length !== 3) continue;
        const order = choiceOrder(seed, scenario.id, node, 3);
        const shownAt = order.findIndex((i) => question.choices[i]?.outcome === "correct");
        positions[shownAt] = (positions[shownAt] ?? 0) + 1;
      }
    }
    const total = positions.reduce((a, b) => a + b, 0);
    for (const times of positions) expect(Math.abs(times / total - 1 / 3)).toBeLessThan(0.03);
  });

  it("stays the same across a reload and changes on a retry, from what saved progress keeps", async () => {
    const storage = new MemoryStorage();
    const first = await startCourse(course, storage);
    first.actor.send({ type: "course.start", audiences: [] });
    readPolicy(first.actor);
    playScenario(first.actor, "incorrect");
    first.actor.send({ type: "choice.select", index: 0 });
    const before = first.actor.getSnapshot().context;
    first.actor.stop();

    const reloaded = await startCourse(course, storage);
    const after = reloaded.actor.getSnapshot().context;
    expect(after.attemptId).toBe(before.attemptId);
    expect(ordersOf(after)).toEqual(ordersOf(before));

    reloaded.actor.send({ type: "feedback.continue" });
    while (reloaded.actor.getSnapshot().value === "scenarios") playScenario(reloaded.actor, "incorrect");
    reloaded.actor.send({ type: "course.retry" });
    const retry = reloaded.actor.getSnapshot().context;
    expect(retry.attempt).toBe(2);
    expect(ordersOf(retry)).not.toEqual(ordersOf(before));
  });
});

describe("the better choice after a miss", () => {
  it("is a correct choice of the same question after every choice that is not, and none after a correct one", () => {
    for (const { scenario, node, question } of questions)
      question.choices.forEach((choice, i) => {
        const better = betterChoice(question, i);
        if (choice.outcome === "correct") expect(better, `${scenario.id} ${node} ${i}`).toBeUndefined();
        else {
          expect(better?.outcome, `${scenario.id} ${node} ${i}`).toBe("correct");
          expect(question.choices).toContain(better);
        }
      });
  });
});
