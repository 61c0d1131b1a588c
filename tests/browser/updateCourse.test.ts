import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureChromium, launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import { publish } from "../../src/published/published.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { GENESIS_HASH } from "../../src/records/record.ts";
import type { Release } from "../../src/schemas/release.ts";
import { runBuild } from "../support/build.ts";
import { clickThroughScenarios } from "../support/learner.ts";
import { axeViolations, openPage } from "../support/page.ts";
import { recordAt } from "../support/records.ts";
import { journalRecords } from "../support/servedData.ts";
import { playScenario, readPolicy, startCourse } from "../support/courseFixture.ts";
import { acknowledgedResult } from "../../src/course/courseResult.ts";
import { CHANGED_CLAUSES, contentWithUpdate, UPDATE_SCENARIOS } from "../support/updateRelease.ts";

/**
 * A site built from a content copy whose 1.1.0 rewords two clauses (4.8 and 6.3), served with a
 * journal in which two learners acknowledged 1.0.0: one takes the update course in Chromium, the
 * other is left "update due". The build goes to a folder of its own, so dist/ is never touched.
 */
describe("the update course of a site with two material releases", () => {
  const root = mkdtempSync(path.join(tmpdir(), "aup-update-course-"));
  const app = path.join(root, "app");
  const data = path.join(root, "data");
  const token = "update-course-admin-token-0123456789";
  let update: CourseDefinition;
  let first: Release;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const content = contentWithUpdate({ effectiveDate: new Date().toISOString().slice(0, 10) });
    const published = publish({ contentDir: content, scenariosDir: "scenarios" });
    update = published.updates[0] as CourseDefinition;
    first = published.releases[0] as Release;
    for (const part of ["src", "package.json"]) cpSync(part, path.join(app, part), { recursive: true });
    symlinkSync(path.resolve("node_modules"), path.join(app, "node_modules"), "dir");
    const build = runBuild({ AUP_CONTENT_DIR: content }, ["--outDir", path.join(app, "dist")]);
    if (build.status !== 0) throw new Error(build.output);
    // Ada and Grace acknowledged 1.0.0 (the onboarding course) before 1.1.0 was published.
    mkdirSync(data, { mode: 0o700 });
    const of100 = (seq: number, id: string, name: string, prevHash: string) =>
      recordAt(
        seq,
        "2026-01-10T10:00:00.000Z",
        {
          learner: { id, name, email: `${id.toLowerCase()}@kestrel.example`, selfAsserted: true },
          policy: { version: first.version, hash: first.hash },
          signature: name,
        },
        prevHash,
      );
    const ada = of100(1, "E-ADA", "Ada Lovelace", GENESIS_HASH);
    const grace = of100(2, "E-GRACE", "Grace Hopper", ada.hash);
    writeFileSync(dataFiles(data).journal, `${JSON.stringify(ada)}\n${JSON.stringify(grace)}\n`, { mode: 0o600 });
    server = await startServer(
      { AUP_DATA_DIR: data, AUP_ADMIN_TOKEN: token },
      { main: path.join(app, "src/server/main.ts"), cwd: root },
    );
    browser = await launchBrowser(ensureChromium());
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("shows only the two changed clauses' redline, plays only the scenarios citing them, and records mode update", async () => {
    const { page, failures } = await openPage(browser, `${server.url}/course`);
    // The onboarding page offers the update to whoever acknowledged 1.0.0, in its HTML.
    await page.waitForSelector("#intro-title");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Take the update from version 1.0.0" }).click();
    await page.waitForURL(/\/update-1\.0\.0$/);
    await page.waitForSelector("#intro-title");
    await expect(page.locator("#intro-title").textContent()).resolves.toBe("What changed: version 1.0.0 to 1.1.0");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Start" }).click();

    // The changes view: the two reworded clauses and nothing else, ins and del with hidden words.
    await page.waitForSelector("#changes-step-title");
    expect(await page.locator(".change h2").allTextContents()).toEqual([
      "Reworded: 4.8 Consumer-facing high-risk uses",
      "Reworded: 6.3 Disclosing AI assistance",
    ]);
    const first48 = page.locator(".change", { hasText: "4.8" });
    expect(await first48.locator("del").allTextContents()).toEqual(["removed: Extra", "removed: when"]);
    expect(await first48.locator("ins").allTextContents()).toEqual(["added: Strict", "added: whenever"]);
    const hidden = await first48
      .locator("del .visually-hidden")
      .first()
      .evaluate((el) => [el.getBoundingClientRect().width, getComputedStyle(el).position]);
    expect(hidden).toEqual([1, "absolute"]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Continue to the scenarios" }).click();

    // Only the scenarios that cite 4.8 or 6.3, every answer correct.
    await clickThroughScenarios(page, update, () => "correct");
    await expect(page.locator("#result-title").textContent()).resolves.toBe("You passed with 100%");
    await page.getByRole("button", { name: "Continue to the acknowledgement" }).click();
    await page.waitForSelector("#ack-title");
    // The update's own words: what changed is accepted, not the whole policy read again.
    expect(await page.locator("#ack-title").textContent()).toBe(`Accept version ${update.policy.version}`);
    const confirms = await page.locator(".course-step ul").first().innerText();
    expect(confirms).toContain(`have read what changed in`);
    expect(confirms).toContain(`since version ${update.update?.from}, and accept version ${update.policy.version}`);
    expect(confirms).not.toContain("and understood it");
    // The full name typed is the signature.
    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Work email").fill("e-ada@kestrel.example");
    await page.getByLabel("Employee ID").fill("E-ADA");
    await page.getByRole("button", { name: `I accept version ${update.policy.version}` }).click();
    await page.waitForSelector("#done-title");
    expect(failures).toEqual([]);

    const record = journalRecords(data).at(-1);
    expect(record?.learner.id).toBe("E-ADA");
    expect(record?.policy.version).toBe("1.1.0");
    expect(record?.result).toMatchObject({ mode: "update", from: "1.0.0", to: "1.1.0", passed: true, score: 1 });
    expect(record?.result.scenarios.map((s) => s.id)).toEqual(UPDATE_SCENARIOS);
    // Each scenario played cites a changed clause.
    for (const scenario of update.scenarios)
      expect(scenario.clauses.some((c) => CHANGED_CLAUSES.includes(c))).toBe(true);
  });

  it("refuses an update from someone whose last acknowledgement is not of 1.0.0", async () => {
    const body = {
      attemptId: "updatenobody01",
      learner: { name: "Alan Turing", email: "alan@kestrel.example", employeeId: "E-ALAN" },
      typedName: "Alan Turing",
      policy: { version: "1.1.0", hash: update.policy.hash },
      result: {
        mode: "update",
        from: "1.0.0",
        to: "1.1.0",
        score: 1,
        passed: true,
        attempt: 1,
        scenarios: (await playedUpdate(update)).scenarios,
      },
    };
    const answer = await fetch(`${server.url}/api/acknowledgements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(422);
    const { error, fields } = (await answer.json()) as { error: string; fields: { field: string; message: string }[] };
    expect(error).toBe(
      "This update is for people who acknowledged an earlier version, and the records hold no acknowledgement by you. Take the full course at /course instead.",
    );
    expect(fields).toEqual([
      {
        field: "result.mode",
        message:
          "is update, which this learner may not take: the updates start from 1.0.0, and the records hold no acknowledgement by this learner",
      },
    ]);
    expect(journalRecords(data).map((r) => r.learner.id)).toEqual(["E-ADA", "E-GRACE", "E-ADA"]);
  });

  it("shows HR a learner still on 1.0.0 as update due, and one who took the update as complete", async () => {
    const roster = [
      "id,name,email,department,start date,manager",
      "E-ADA,Ada Lovelace,e-ada@kestrel.example,Risk,2025-01-06,",
      "E-GRACE,Grace Hopper,e-grace@kestrel.example,Risk,2025-01-06,",
    ].join("\n");
    const auth = { authorization: `Bearer ${token}` };
    const imported = await fetch(`${server.url}/api/admin/roster`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: roster,
    });
    expect(imported.status).toBe(200);
    const answer = await fetch(`${server.url}/api/admin/export?what=status&format=csv`, { headers: auth });
    const rows = parse<Record<string, string>>(await answer.text(), { bom: true, columns: true });
    const status = Object.fromEntries(rows.map((r): [string, string | undefined] => [r.employee_id ?? "", r.status]));
    expect(status).toEqual({ "E-ADA": "complete", "E-GRACE": "update-due" });
    // The dashboard filters by it and says why, in words HR can act on.
    const dashboard = await fetch(`${server.url}/admin?status=update-due`, { headers: auth });
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain("Grace Hopper");
    expect(html).not.toContain("Ada Lovelace");
    expect(html).toContain("acknowledged 1.0.0; the update course to 1.1.0 is due by");
  });

  it("behind single sign-on, hands a learner on 1.0.0 from the onboarding page to the update by itself", async () => {
    // The same records, now behind a proxy that names the learner (the roster above knows Grace).
    await server.stop();
    server = await startServer(
      { AUP_DATA_DIR: data, AUP_ADMIN_TOKEN: token, AUP_IDENTITY: "header" },
      { main: path.join(app, "src/server/main.ts"), cwd: root },
    );
    const me = await fetch(`${server.url}/api/me`, { headers: { "x-forwarded-email": "e-grace@kestrel.example" } });
    expect(await me.json()).toMatchObject({ mode: "header", learner: { id: "E-GRACE" }, updateHref: "/update-1.0.0" });
    // Ada took the update: the onboarding page is hers to stay on.
    const ada = await fetch(`${server.url}/api/me`, { headers: { "x-forwarded-email": "e-ada@kestrel.example" } });
    expect(await ada.json()).not.toHaveProperty("updateHref");
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ "x-forwarded-email": "e-grace@kestrel.example" });
    await page.goto(`${server.url}/course`);
    await page.waitForURL(/\/update-1\.0\.0$/);
    await page.waitForSelector("#intro-title");
    await expect(page.locator("#intro-title").textContent()).resolves.toBe("What changed: version 1.0.0 to 1.1.0");
    await page.close();
  });
});

/** A genuine result of the update course, played by the real course machine, every answer correct. */
async function playedUpdate(course: CourseDefinition) {
  const { actor } = await startCourse(course);
  actor.send({ type: "course.start", audiences: course.productAudiences });
  readPolicy(actor);
  while (actor.getSnapshot().value === "scenarios") playScenario(actor, "correct");
  const { result } = actor.getSnapshot().context;
  if (!result) throw new Error("The update course ended without a result");
  return acknowledgedResult(result);
}
