import { describe, expect, it } from "vitest";
import { startServer } from "../../scripts/harness/server.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { dataDirWithJournal } from "../support/records.ts";
import { stopAfterTest } from "../support/servedData.ts";

const onboarding = shippedCourse("onboarding");
const idOf = (audience: string) => onboarding.scenarios.find((s) => s.audience === audience)?.id ?? "";
const person = (name: string) => {
  const email = `${name.toLowerCase().replace(" ", ".")}@kestrel.example`;
  return { id: email, name, email, selfAsserted: false };
};
const onboardingOf = (attemptId: string, ids: string[]) => ({
  mode: "onboarding" as const,
  score: 1,
  passed: true,
  attempt: 1,
  attemptId,
  scenarios: ids.map((id) => ({ id, score: 1, outcomes: [] })),
});

/** GET /api/me as the single-sign-on proxy would send it for `who`. */
async function meOf(url: string, who: { email: string; name: string }) {
  const answer = await fetch(`${url}/api/me`, {
    headers: { "x-forwarded-email": who.email, "x-forwarded-name": who.name },
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as { products?: string[] };
}

describe("the products a learner's onboarding record shows (GET /api/me, single sign-on)", () => {
  it("are those whose scenarios the latest onboarding played, none for a learner of no product, absent without a record", async () => {
    const grace = person("Grace Hopper");
    const ada = person("Ada Lovelace");
    const data = dataDirWithJournal([
      {
        recordedAt: "2025-01-10T10:00:00.000Z",
        fields: { learner: grace, result: onboardingOf("grace2025a", [idOf("everyone"), idOf("cowork")]) },
      },
      {
        recordedAt: "2026-01-10T10:00:00.000Z",
        fields: {
          learner: grace,
          result: onboardingOf("grace2026a", [idOf("everyone"), idOf("claude-code"), idOf("claude-api")]),
        },
      },
      {
        recordedAt: "2026-02-10T10:00:00.000Z",
        fields: { learner: ada, result: onboardingOf("ada2026aaa", [idOf("everyone")]) },
      },
    ]);
    const server = await startServer({ AUP_DATA_DIR: data, AUP_IDENTITY: "header", AUP_TRUSTED_PROXIES: "127.0.0.1" });
    stopAfterTest(server);
    expect(idOf("claude-code")).not.toBe("");
    expect(idOf("claude-api")).not.toBe("");
    expect((await meOf(server.url, grace)).products).toEqual(["claude-code", "claude-api"]);
    expect((await meOf(server.url, ada)).products).toEqual([]);
    expect(await meOf(server.url, person("Alan Turing"))).not.toHaveProperty("products");
  });
});
