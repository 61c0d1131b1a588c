import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IntroProps } from "../../src/components/course/courseMode.ts";
import { RefresherIntro } from "../../src/components/course/RefresherIntro.tsx";
import type { ProductAudience } from "../../src/course/courseDefinition.ts";
import { keepProducts, knownProducts } from "../../src/course/keptProducts.ts";
import { refresherPlan } from "../../src/course/refresher.ts";
import { shippedCourse } from "../support/courseFixture.ts";

const course = shippedCourse("refresher");
const audienceOf = (id: string) => course.scenarios.find((s) => s.id === id)?.audience;
const learners = Array.from({ length: 60 }, (_, i) => `e-${1000 + i}`);

/** The audiences of every scenario drawn for the 60 learners this quarter, who use `audiences`. */
function drawnAudiences(audiences: ProductAudience[] | undefined): Set<string> {
  return new Set(
    learners.flatMap((learnerId) =>
      refresherPlan(course, { learnerId, quarter: "2027-Q1", audiences }).map((id) => audienceOf(id) ?? "?"),
    ),
  );
}

describe("the refresher draws from the learner's products", () => {
  it("gives a learner of none of the products (or of unknown products) none of the products' scenarios", () => {
    expect(course.productAudiences).toEqual(["claude-code", "cowork", "claude-api"]);
    for (const audiences of [[], undefined]) {
      const drawn = drawnAudiences(audiences);
      for (const product of course.productAudiences) expect(drawn.has(product)).toBe(false);
      expect(drawn.has("everyone")).toBe(true);
    }
  });

  it("gives each product's users that product's scenarios among the rest, and never another product's", () => {
    for (const product of course.productAudiences) {
      const drawn = drawnAudiences([product]);
      expect(drawn.has(product), product).toBe(true);
      for (const other of course.productAudiences.filter((p) => p !== product))
        expect(drawn.has(other), `${other} for a user of ${product}`).toBe(false);
    }
    expect(drawnAudiences(["claude-code", "cowork"]).has("cowork")).toBe(true);
  });

  it("keeps the quiz's size and the same quiz for the same learner and quarter", () => {
    const plan = refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] });
    expect(plan).toHaveLength(course.refresherSize);
    expect(refresherPlan(course, { learnerId: "e-1", quarter: "2027-Q1", audiences: [] })).toEqual(plan);
  });
});

/** A browser's localStorage, for the modules that keep the products. */
function fakeStorage(entries: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (n) => [...items.keys()][n] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** The refresher intro's HTML as React renders it, started (`ready`) unless told otherwise. */
function renderIntro(props: Partial<IntroProps>): string {
  return renderToStaticMarkup(createElement(RefresherIntro, { course, ready: true, send: () => undefined, ...props }));
}

describe("the refresher knows the learner's products, or asks them once", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("prefers the onboarding record's products (single sign-on) to this browser's, and knows none when neither does", () => {
    vi.stubGlobal("localStorage", fakeStorage({ "aup-course:products": "cowork" }));
    expect(knownProducts(["claude-code"])).toEqual(["claude-code"]);
    expect(knownProducts([])).toEqual([]); // the record says none: that is known, not unknown
    expect(knownProducts(undefined)).toEqual(["cowork"]);
    vi.stubGlobal("localStorage", fakeStorage({ "aup-course:products": "" }));
    expect(knownProducts(undefined)).toEqual([]); // ticked none at onboarding
    vi.stubGlobal("localStorage", fakeStorage());
    expect(knownProducts(undefined)).toBeUndefined();
    keepProducts(["claude-api", "claude-code"]);
    expect(knownProducts(undefined)).toEqual(["claude-api", "claude-code"]);
  });

  it("asks, in one fieldset with its question as the legend, only when nothing knows the products", () => {
    vi.stubGlobal("localStorage", fakeStorage());
    const asking = renderIntro({});
    expect(asking).toMatch(/<fieldset><legend>Which of these do you use\?[^<]*<\/legend>/);
    expect(asking.match(/type="checkbox"/g)).toHaveLength(course.productAudiences.length);
    for (const name of ["Claude Code", "Claude Cowork agents", "The Claude API, to build our own tools"])
      expect(asking).toContain(`${name}</label>`);

    expect(renderIntro({ products: [] })).not.toContain("checkbox");
    expect(renderIntro({ products: ["cowork"] })).not.toContain("checkbox");
    vi.stubGlobal("localStorage", fakeStorage({ "aup-course:products": "claude-code" }));
    expect(renderIntro({})).not.toContain("checkbox");
  });

  it("asks nothing in the server's HTML, which cannot know (the page hydrates it unchanged)", () => {
    vi.stubGlobal("localStorage", fakeStorage());
    expect(renderIntro({ ready: false })).not.toContain("fieldset");
  });
});
