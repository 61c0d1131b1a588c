import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoaderContext } from "astro/loaders";
import { describe, expect, it } from "vitest";
import { publish } from "../../src/published/published.ts";
import { scenarioLoader } from "../../src/scenarios/scenarioLoader.ts";
import { ScenarioSchema } from "../../src/schemas/scenario.ts";

/** Publishes the content as a build does, then runs the loader as Astro's content layer would, into a plain map. */
async function load(scenariosDir = path.resolve("scenarios")): Promise<Map<string, unknown>> {
  const { scenarioFiles } = publish({ contentDir: path.resolve("content"), scenariosDir });
  const stored = new Map<string, unknown>();
  const context = {
    store: { clear: () => stored.clear(), set: ({ id, data }: { id: string; data: unknown }) => stored.set(id, data) },
    parseData: ({ data }: { data: unknown }) => Promise.resolve(ScenarioSchema.parse(data)),
  } as unknown as LoaderContext;
  await scenarioLoader(scenarioFiles).load(context);
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
    expect([...(await load(dir)).keys()]).toEqual(["client-email-summary"]);
  });
});
