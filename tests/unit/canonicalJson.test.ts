import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/records/canonicalJson.ts";

/** The definition every stored hash was made with: sorted copies, then JSON.stringify. */
function sortedThenStringified(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, field]) => field !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, field]) => [k, sortKeys(field)]),
      );
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

describe("canonical JSON", () => {
  it("gives exactly the text stored hashes were made with, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(sortedThenStringified(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("orders index-like and __proto__ keys as the sorted copies did", () => {
    const value = JSON.parse('{"b":1,"10":2,"2":3,"__proto__":{"z":0,"a":1}}') as unknown;
    expect(canonicalJson(value)).toBe(sortedThenStringified(value));
    expect(canonicalJson(value)).toBe('{"2":3,"10":2,"__proto__":{"a":1,"z":0},"b":1}');
  });

  it("sorts keys at every level and leaves undefined fields out", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined }], c: "é\n" }, e: undefined })).toBe(
      '{"a":{"c":"é\\n","d":[{"z":1}]},"b":1}',
    );
  });
});
