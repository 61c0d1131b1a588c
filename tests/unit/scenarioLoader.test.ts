import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoaderContext } from "astro/loaders";
import { afterEach, describe, expect, it } from "vitest";
import { scenarioLoader } from "../../src/scenarios/scenarioLoader.ts";
import { ScenarioSchema } from "../../src/schemas/scenario.ts";

afterEach(() => {
  delete process.env.AUP_SCENARIOS_DIR;
});

/** Runs the loader as Astro's content layer would, with the collection's schema, into a plain map. */
async function load(): Promise<Map<string, unknown>> {
  const stored = new Map<string, unknown>();
  const context = {
    store: { clear: () => stored.clear(), set: ({ id, data }: { id: string; data: unknown }) => stored.set(id, data) },
    parseData: ({ data }: { data: unknown }) => Promise.resolve(ScenarioSchema.parse(data)),
  } as unknown as LoaderContext;
  await scenarioLoader().load(context);
  return stored;
}

describe("the scenarios content collection", () => {
  it("holds every shipped scenario, as written, under its id", async () => {
    const stored = await load();
    expect(stored.size).toBeGreaterThanOrEqual(16);
    const [id, data] = [...stored][0] ?? [];
    expect(data).toMatchObject({ id });
  });

  it("admits only the files that pass every check", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aup-collection-"));
    copyFileSync("scenarios/client-email-summary.yaml", path.join(dir, "client-email-summary.yaml"));
    for (const broken of ["broken-graph.yaml", "broken-schema.yaml", "not-yaml.yaml"])
      copyFileSync(path.join("tests/fixtures/scenarios", broken), path.join(dir, broken));
    process.env.AUP_SCENARIOS_DIR = dir;
    expect([...(await load()).keys()]).toEqual(["client-email-summary"]);
  });
});
