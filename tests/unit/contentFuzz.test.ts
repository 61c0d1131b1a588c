import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify, parse } from "yaml";
import { ContentError } from "../../src/lib/contentProblem.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import { copyContent } from "../support/contentFixture.ts";

const ids = fc.constantFrom("start", "a", "b", "c", "end", "q9", "Bad Id", "");
const choice = fc.record({
  label: fc.oneof(fc.string({ maxLength: 30 }), fc.constant("Go on.")),
  next: ids,
  outcome: fc.constantFrom("correct", "partial", "incorrect", "maybe"),
  clause: fc.oneof(fc.constantFrom("3.4", "2.6", "9.9", "FIN.1"), fc.double(), fc.constant(undefined)),
  feedback: fc.oneof(fc.constant("Because."), fc.string({ maxLength: 20 })),
});
const node = fc.oneof(
  fc.record({
    type: fc.constant("question"),
    situation: fc.string({ maxLength: 40 }),
    choices: fc.array(choice, { maxLength: 5 }),
  }),
  fc.record({ type: fc.constant("end"), debrief: fc.string({ maxLength: 40 }) }),
  fc.jsonValue({ maxDepth: 3 }),
);
const scenario = fc.record(
  {
    id: fc.constantFrom("random", "other-id", ""),
    title: fc.string({ maxLength: 30 }),
    summary: fc.string({ maxLength: 30 }),
    audience: fc.constantFrom("everyone", "cowork", "martians"),
    clauses: fc.array(fc.constantFrom("3.4", "2.6", "7.7"), { maxLength: 3 }),
    start: ids,
    nodes: fc.dictionary(ids, node, { maxKeys: 6 }),
  },
  { requiredKeys: [] },
);

describe("content fuzzing", () => {
  it("either accepts a random scenario graph or reports problems naming its file; it never crashes", () => {
    fc.assert(
      fc.property(scenario, (data) => {
        const dir = mkdtempSync(path.join(tmpdir(), "aup-fuzz-scenarios-"));
        writeFileSync(path.join(dir, "random.yaml"), stringify(data));
        const { scenarios, problems } = loadScenarios({ scenariosDir: dir, mode: "preview" });
        expect(scenarios.length + problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem.file).toContain("random.yaml");
        if (problems.length) expect(scenarios).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("either accepts randomly changed organisation settings or names organisation.yaml and the field; it never crashes", () => {
    const original = parse(readFileSync("content/organisation.yaml", "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    const paths = Object.entries(original).flatMap(([group, value]) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.keys(value).map((key) => [group, key] as const)
        : [[group, ""] as const],
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 30 }), fc.constant("[TODO]")),
        ([group, key], value) => {
          const dir = copyContent();
          const changed = structuredClone(original);
          if (key) (changed[group] as Record<string, unknown>)[key] = value;
          else (changed as Record<string, unknown>)[group] = value;
          writeFileSync(path.join(dir, "organisation.yaml"), stringify(changed));
          try {
            loadPolicy({ contentDir: dir, mode: "strict" });
          } catch (error) {
            expect(error).toBeInstanceOf(ContentError);
            // The policy files are untouched, so every problem is the settings file's, at a field.
            for (const problem of (error as ContentError).problems) {
              expect(problem.file).toMatch(/organisation\.yaml$/);
              expect(problem.location).toBeTruthy();
            }
          }
        },
      ),
      // A list holding a mapping once crashed the placeholder filling (CI, seed -1742485904).
      { numRuns: 300, examples: [[["organisation", "name"], [{ toString: false }]]] },
    );
  });
});
