import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { unzipSync } from "fflate";
import { manifestFitToShip } from "../../scorm/checkManifest.ts";
import { startPreviewLms, type PreviewLms } from "../../scorm/preview/previewLms.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { STARTED, startAndReadPolicy } from "../../scripts/harness/courseSteps.ts";
import { clickThroughScenarios } from "../support/learner.ts";
import { openPage } from "../support/page.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

const course = shippedCourse();
const sectionAnchors = course.policy.sections.map((s) => s.anchor);
let browser: Browser;
let lms: PreviewLms;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
  lms = await startPreviewLms(inject("packagesDir"));
});
afterAll(async () => {
  await browser.close();
  await lms.close();
});

type Cmi = Record<string, unknown> & {
  core?: Record<string, unknown>;
  interactions?: Record<string, Record<string, unknown>>;
};

let attempts = 0;

/** Opens a package in the local LMS (scorm-again), as a new learner attempt, and returns the course's frame. */
async function launch(name: string) {
  const opened = await openPage(browser, `${lms.url}/lms?package=${name}&attempt=test-${++attempts}`);
  return { ...opened, frame: await courseFrame(opened.page) };
}

async function courseFrame(page: Page): Promise<Frame> {
  await page.waitForSelector("iframe");
  // After a relaunch the frame may still be on its way to the course: give it the time a selector gets.
  let frame = page.frames().find((f) => f.url().includes("/courses/"));
  for (const since = Date.now(); !frame && Date.now() - since < 10_000;) {
    await page.waitForTimeout(50);
    frame = page.frames().find((f) => f.url().includes("/courses/"));
  }
  if (!frame) throw new Error("The LMS page has no course frame");
  await frame.waitForSelector(`${STARTED} .course-step h1`);
  return frame;
}

function cmi(page: Page): Promise<Cmi> {
  return page.evaluate(() => {
    const win = window as unknown as {
      API?: { renderCMIToJSONObject(): { cmi: Cmi } };
      API_1484_11?: { renderCMIToJSONObject(): { cmi: Cmi } };
    };
    return (win.API ?? win.API_1484_11)?.renderCMIToJSONObject().cmi ?? {};
  });
}

describe("npm run package", () => {
  const zips = ["scorm12", "scorm2004"].flatMap((v) => [
    `kestrel-${SHIPPED_VERSION}-${v}.zip`,
    `kestrel-${SHIPPED_VERSION}-refresher-${v}.zip`,
  ]);

  it.each(zips)("writes %s, which passes the official schemas and lists exactly its files", async (zip) => {
    const entries = unzipSync(readFileSync(path.join(inject("packagesDir"), zip)));
    const manifest = Buffer.from(entries["imsmanifest.xml"] ?? []).toString("utf8");
    const version = zip.includes("scorm12") ? "scorm12" : "scorm2004";
    // The schemas of the zip's own version, and the packager's checks against the files it holds.
    expect(await manifestFitToShip(manifest, version, Object.keys(entries), `${zip}/imsmanifest.xml`)).toEqual([]);
    expect(manifest).toContain(zip.includes("refresher") ? 'href="refresher.html"' : 'href="course.html"');
  });

  it("runs in preview mode, with a visible banner, when no LMS launched it", async () => {
    const { page, failures } = await openPage(
      browser,
      `${lms.url}/courses/kestrel-${SHIPPED_VERSION}-scorm12.zip/content/org-7/course-42/sco/course.html`,
    );
    await page.waitForSelector(`${STARTED} #intro-title`);
    expect(await page.locator(".course-banner").innerText()).toContain("No records server or LMS is connected");
    expect(failures).toEqual([]);
    await page.close();
  });

  it("starts a new attempt in the local LMS with Reset", async () => {
    const { page, failures } = await openPage(
      browser,
      `${lms.url}/lms?package=kestrel-${SHIPPED_VERSION}-scorm2004.zip&attempt=reset-1`,
    );
    await courseFrame(page);
    // Reset as a learner would, on a page that has finished loading: a chunk still in flight when the
    // page is left is cut off by the browser, which is not a failure of the course.
    await page.waitForLoadState("networkidle");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("attempt") !== "reset-1"),
      page.getByRole("button", { name: "Reset" }).click(),
    ]);
    expect(Number(new URL(page.url()).searchParams.get("attempt"))).toBeGreaterThan(0);
    expect(await (await courseFrame(page)).locator("#intro-title").count()).toBe(1);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("loads nothing more once the page is being dismissed, where the browser would cut the request off", async () => {
    const { page, frame, scripts, failures } = await launch(`kestrel-${SHIPPED_VERSION}-scorm2004.zip`);
    await frame.locator(`${STARTED} #intro-title`).waitFor();
    // What the browser fires on leaving: the course ends its LMS session at once.
    await frame.evaluate(() => window.dispatchEvent(new Event("beforeunload")));
    await frame.locator(".course-loading").waitFor();
    // The ended step has rendered; let its effects run before looking at what was requested.
    await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
    expect(scripts.filter((url) => url.includes("LaterSteps"))).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("runs the refresher package with a quiz seeded by the LMS learner, without asking who they are", async () => {
    const { page, frame } = await launch(`kestrel-${SHIPPED_VERSION}-refresher-scorm2004.zip`);
    expect(await frame.locator("#learner-id").count()).toBe(0);
    await frame.getByRole("button", { name: "Start" }).click();
    await frame.waitForSelector(".scenario__situation");
    expect(await frame.locator(".course-progress").first().textContent()).toMatch(
      `Scenario 1 of ${course.refresherSize}`,
    );
    await page.close();
  });
});

describe.each([
  ["scorm12", `kestrel-${SHIPPED_VERSION}-scorm12.zip`],
  ["scorm2004", `kestrel-${SHIPPED_VERSION}-scorm2004.zip`],
] as const)("%s package in a scorm-again LMS", (version, name) => {
  it("is under the size budget", () => {
    expect(statSync(path.join(inject("packagesDir"), name)).size).toBeLessThanOrEqual(500 * 1024);
  });

  it("is completed from a deep path with no failed request, and the LMS holds status, score, every scenario played and the acknowledgement", async () => {
    const { page, frame, failures } = await launch(name);
    expect(frame.url()).toContain("/content/org-7/course-42/sco/course.html");
    await startAndReadPolicy(frame, sectionAnchors);
    await clickThroughScenarios(frame, course, () => "correct");
    await frame.getByRole("button", { name: "Continue to the acknowledgement" }).click();
    expect(await frame.locator("#ack-title").count()).toBe(1);
    expect(await frame.locator("#identity-email").count()).toBe(0); // the LMS says who the learner is
    await frame.getByLabel("Type your full name to sign").fill("Ada Lovelace");
    await frame.getByRole("button", { name: "I acknowledge the policy" }).click();
    await frame.waitForSelector("#done-title");
    expect(await frame.locator(".receipt").innerText()).toContain(`SCORM ${version === "scorm12" ? "1.2" : "2004"}`);

    const data = await cmi(page);
    const interactions = Object.values(data.interactions ?? {});
    const plays = interactions.filter((i) => i.type === "sequencing");
    expect(plays).toHaveLength(
      course.scenarios.filter((s) => s.audience === "everyone" || s.audience === "financial-services").length,
    );
    if (version === "scorm12") {
      expect(data.core).toMatchObject({ lesson_status: "passed", score: { raw: "100", min: "0", max: "100" } });
      expect(plays.every((i) => i.result === "correct" && /^[a-d](,[a-d])*$/.test(String(i.student_response)))).toBe(
        true,
      );
      expect(interactions.at(-1)).toMatchObject({ id: "acknowledgement" });
      expect(String(data.comments)).toContain(
        `version ${course.policy.version} (SHA-256 ${course.policy.hash}), signed "Ada Lovelace"`,
      );
    } else {
      expect(data).toMatchObject({
        completion_status: "completed",
        success_status: "passed",
        score: { scaled: "1", raw: "100" },
      });
      expect(String(plays[0]?.description)).toMatch(/ \(\d+\.\d+ correct(, \d+\.\d+ correct)*\)$/);
      expect(String(plays[0]?.learner_response)).toMatch(/^[a-d](\[,\][a-d])*$/);
      expect(JSON.stringify(data.comments_from_learner)).toContain(course.policy.hash);
    }
    expect(failures).toEqual([]);
    await page.close();
  });

  it("resumes where the learner left after a relaunch", async () => {
    const { page, frame: fresh } = await launch(name);
    await startAndReadPolicy(fresh, sectionAnchors);
    const title = await fresh.locator("#scenario-title").textContent();
    await fresh.locator(".choice").first().click();
    await fresh.waitForSelector(".feedback");
    await page.getByRole("button", { name: "Relaunch" }).click();
    const resumed = await courseFrame(page);
    await resumed.waitForSelector(".feedback");
    expect(await resumed.locator("#scenario-title").textContent()).toBe(title);
    const data = await cmi(page);
    expect(version === "scorm12" ? data.core?.entry : data.entry).toBe("resume");
    await page.close();
  });

  it("reports a failed course as failed", async () => {
    const { page, frame } = await launch(name);
    await startAndReadPolicy(frame, sectionAnchors);
    await clickThroughScenarios(frame, course, () => "incorrect");
    expect(await frame.locator("#result-title").textContent()).toMatch(/not yet a pass/);
    const data = await cmi(page);
    if (version === "scorm12") expect(data.core).toMatchObject({ lesson_status: "failed" });
    else expect(data).toMatchObject({ success_status: "failed", completion_status: "incomplete" });
    await page.close();
  });
});
