import * as fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { publish } from "../../src/published/published.ts";

vi.mock("node:fs", async (original) => {
  const real = await original<typeof import("node:fs")>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

const dirs = { contentDir: path.resolve("content"), scenariosDir: path.resolve("scenarios") };

describe("what a build publishes", () => {
  it("reads each content file once: settings, policy sections, addenda, scenarios and logo", () => {
    const readFileSync = vi.mocked(fs.readFileSync);
    readFileSync.mockClear();
    publish(dirs);
    const reads = readFileSync.mock.calls.map(([file]) => path.relative(process.cwd(), String(file)));
    expect(reads.length).toBeGreaterThan(30); // 8 sections, 3 addenda, 35 scenarios, settings, logo
    expect(reads.filter((file, i) => reads.indexOf(file) !== i)).toEqual([]);
    for (const expected of [
      "content/organisation.yaml",
      "content/policy/03-data-handling.md",
      "scenarios/client-email-summary.yaml",
    ])
      expect(reads).toContain(expected);
  });

  it("holds the policy the server enforces and both courses, built from it", () => {
    const published = publish(dirs);
    const policy = loadPolicy();
    expect(published.problems).toEqual([]);
    expect(published.policy.hash).toBe(policy.hash);
    expect(published.policy.sections).toEqual(policy.sections);
    for (const mode of ["onboarding", "refresher"] as const) {
      const course = published.courses[mode];
      expect(course.mode).toBe(mode);
      expect(course.policy.hash).toBe(policy.hash);
      expect(course.scenarios.length).toBeGreaterThan(0);
    }
    expect(published.branding.logoSrc).toMatch(/^data:image\/svg\+xml;base64,/);
    // The collection holds every checked file as written; each course takes those for its audiences.
    const files = new Map(published.scenarioFiles.map((s) => [s.id, s]));
    for (const scenario of published.courses.onboarding.scenarios)
      expect(files.get(scenario.id)?.start).toBe(scenario.start);
  });
});
