import { describe, expect, it } from "vitest";
import { readMe } from "../../src/tracking/meResponse.ts";

describe("reading GET /api/me", () => {
  it("takes the single-sign-on learner and their missed clauses as the server sends them", () => {
    expect(
      readMe({
        mode: "header",
        learner: { id: "E-1", email: "ada@kestrel.example", name: "Ada" },
        missedClauses: ["3.4"],
      }),
    ).toEqual({
      mode: "header",
      learner: { id: "E-1", email: "ada@kestrel.example", name: "Ada" },
      missedClauses: ["3.4"],
    });
    expect(readMe({ mode: "form" })).toEqual({ mode: "form" });
  });

  it("knows provider sign-in (oidc), signed in or not: without a learner, the course sends the learner to sign in", () => {
    const learner = { id: "grace@kestrel.example", email: "grace@kestrel.example", name: "Grace" };
    expect(readMe({ mode: "oidc", learner, missedClauses: [] })).toEqual({ mode: "oidc", learner, missedClauses: [] });
    expect(readMe({ mode: "oidc", error: "You are not signed in" })).toEqual({ mode: "oidc" });
  });

  it("takes the products of the learner's onboarding record, only the ones the course knows", () => {
    const learner = { id: "E-1", email: "ada@kestrel.example" };
    expect(
      readMe({ mode: "header", learner, products: ["claude-code", "emacs", 3, "cowork", "claude-api", "toString"] })
        .products,
    ).toEqual(["claude-code", "cowork", "claude-api"]);
    expect(readMe({ mode: "header", learner, products: [] }).products).toEqual([]);
    expect(readMe({ mode: "header", learner, products: "claude-code" }).products).toBeUndefined();
  });

  it("counts what does not fit as not said", () => {
    for (const body of [null, [], "header", 42, {}, { mode: "ldap" }]) expect(readMe(body)).toEqual({ mode: "form" });
    expect(readMe({ mode: "header", error: "Sign in again" })).toEqual({ mode: "header" });
    expect(
      readMe({
        mode: "header",
        learner: { id: 7, email: "ada@kestrel.example" },
        missedClauses: ["3.4", 5, "<b>", ""],
      }),
    ).toEqual({ mode: "header", missedClauses: ["3.4"] });
    expect(readMe({ mode: "header", learner: { id: "E-1", email: "a@b.example", name: {} } }).learner).toEqual({
      id: "E-1",
      email: "a@b.example",
    });
  });

  it("follows only an update page of this site, the one the records call for", () => {
    const learner = { id: "E-1", email: "ada@kestrel.example" };
    expect(readMe({ mode: "header", learner, updateHref: "/update-1.0.0" }).updateHref).toBe("/update-1.0.0");
    for (const updateHref of ["https://evil.example/update-1.0.0", "//evil.example/x", "/update-1.0.0?x", "/course", 7])
      expect(readMe({ mode: "header", learner, updateHref }).updateHref).toBeUndefined();
  });
});
