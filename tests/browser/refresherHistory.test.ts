import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { refresherQuiz } from "../../src/course/refresher.ts";
import { previousQuarter, quarterOf } from "../../src/lib/quarters.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { dataDirWithJournal } from "../support/records.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";

const course = shippedCourse("refresher");
// Grace's products are unknown here (no onboarding record, nothing kept in this browser), so her
// refresher draws from the scenarios for everyone and the addenda only (src/course/refresher.ts).
const bank = course.scenarios.filter((s) => !(course.productAudiences as string[]).includes(s.audience));
const grace = { id: "grace.hopper@kestrel.example", name: "Grace Hopper", email: "grace.hopper@kestrel.example" };
const quarter = quarterOf(new Date());
const quiz = (target: string, missed?: string) =>
  refresherQuiz(bank, {
    learnerId: grace.id,
    quarter: target,
    size: course.refresherSize,
    missedClauses: missed ? new Set([missed]) : undefined,
  });
const teaches = (id: string | undefined, clause: string) => !!bank.find((s) => s.id === id)?.clauses.includes(clause);

// A clause that Grace's quiz this quarter would not touch without her history.
const plain = quiz(quarter);
const lastQuarter = quiz(previousQuarter(quarter));
const missed = bank
  .filter((s) => !plain.includes(s.id) && !lastQuarter.includes(s.id))
  .flatMap((s) => s.clauses)
  .find((clause) => !plain.some((id) => teaches(id, clause)));

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  const data = dataDirWithJournal([
    {
      recordedAt: "2024-05-01T10:00:00.000Z",
      fields: {
        learner: { ...grace, selfAsserted: false },
        result: {
          mode: "refresher",
          score: 0,
          passed: false,
          attempt: 1,
          attemptId: "grace-2024",
          scenarios: [{ id: "s", score: 0, outcomes: [{ clause: missed ?? "", outcome: "incorrect" }] }],
        },
      },
    },
  ]);
  [browser, server] = await Promise.all([
    launchBrowser(inject("chromiumPath")),
    startServer({ AUP_DATA_DIR: data, AUP_IDENTITY: "header", AUP_TRUSTED_PROXIES: "127.0.0.1" }),
  ]);
});
afterAll(async () => {
  await server.stop();
  await browser.close();
});

describe("the refresher with single sign-on", () => {
  it("starts with a scenario on the clause the learner missed last year, as the selection rules say", async () => {
    expect(missed, "the shipped bank has a clause outside this quarter's quiz").toBeDefined();
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ "x-forwarded-email": grace.email, "x-forwarded-name": grace.name });
    await page.goto(`${server.url}/refresher`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForSelector(".scenario__situation");

    const favoured = quiz(quarter, missed);
    const title = (id: string | undefined) => bank.find((s) => s.id === id)?.title;
    expect(await page.locator("#scenario-title").textContent()).toBe(title(favoured[0]));
    expect(teaches(favoured[0], missed ?? "")).toBe(true);
    await page.close();
  });
});
