import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { manifestFitToShip } from "../../scorm/checkManifest.ts";
import { startPreviewLms, type PreviewLms } from "../../scorm/preview/previewLms.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import { publish } from "../../src/published/published.ts";
import { clickThroughScenarios } from "../support/learner.ts";
import { openPage } from "../support/page.ts";
import { StrictLms } from "../support/strictLms/strictLmsServer.ts";
import { contentWithUpdate, UPDATE_SCENARIOS } from "../support/updateRelease.ts";

/**
 * `npm run package` on a content copy whose 1.1.0 rewords two clauses: beside the course and the
 * refresher, it writes the update from 1.0.0 for each SCORM version, which passes the official
 * schemas and plays in the local LMS (scorm-again) as the other packages do.
 */
const out = mkdtempSync(path.join(tmpdir(), "aup-update-packages-"));
const packagesDir = path.join(out, "packages");
const ZIPS = {
  scorm12: "kestrel-1.1.0-update-1.0.0-1.1.0-scorm12.zip",
  scorm2004: "kestrel-1.1.0-update-1.0.0-1.1.0-scorm2004.zip",
};
let update: CourseDefinition;
let browser: Browser;
let lms: PreviewLms;
let strict: StrictLms;

beforeAll(async () => {
  const content = contentWithUpdate();
  update = publish({ contentDir: content, scenariosDir: "scenarios" }).updates[0] as CourseDefinition;
  const run = spawnSync(process.execPath, ["scorm/package.ts", "--out", out], {
    env: { ...process.env, NODE_ENV: "production", AUP_CONTENT_DIR: content },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}${run.stderr}`);
  browser = await launchBrowser(inject("chromiumPath"));
  lms = await startPreviewLms(packagesDir);
  strict = await StrictLms.start(packagesDir, browser.context);
}, 300_000);
afterAll(async () => {
  await strict?.close();
  await browser?.close();
  await lms?.close();
  rmSync(out, { recursive: true, force: true });
});

describe("update packages", () => {
  it("are written beside the course's and the refresher's, for each SCORM version", () => {
    expect(readdirSync(packagesDir).sort()).toEqual(
      [
        "kestrel-1.1.0-scorm12.zip",
        "kestrel-1.1.0-refresher-scorm12.zip",
        ZIPS.scorm12,
        "kestrel-1.1.0-scorm2004.zip",
        "kestrel-1.1.0-refresher-scorm2004.zip",
        ZIPS.scorm2004,
      ].sort(),
    );
  });

  it.each(Object.entries(ZIPS))(
    "%s: passes the official schemas, launches the update, within 500 KB",
    async (version, zip) => {
      const file = path.join(packagesDir, zip);
      const entries = unzipSync(readFileSync(file));
      const manifest = new TextDecoder().decode(entries["imsmanifest.xml"]);
      expect(
        await manifestFitToShip(
          manifest,
          version as "scorm12" | "scorm2004",
          Object.keys(entries),
          `${zip}/imsmanifest.xml`,
        ),
      ).toEqual([]);
      expect(manifest).toContain('href="update-1.0.0.html"');
      expect(manifest).toContain("what changed from version 1.0.0 to 1.1.0");
      expect(Object.keys(entries)).toContain("update-1.0.0.html");
      expect(statSync(file).size).toBeLessThanOrEqual(500 * 1024);
    },
  );

  it.each(Object.entries(ZIPS))(
    "%s: plays in the LMS: the changes, only the changed scenarios, the acknowledgement, and the LMS holds passed",
    async (version, zip) => {
      const { page, failures } = await openPage(browser, `${lms.url}/lms?package=${zip}&attempt=update-${version}`);
      const frame = await courseFrame(page);
      expect(await frame.locator("#intro-title").textContent()).toBe("What changed: version 1.0.0 to 1.1.0");
      await frame.getByRole("button", { name: "Start" }).click();
      await frame.waitForSelector("#changes-step-title");
      expect(await frame.locator(".change h2").allTextContents()).toEqual([
        "Reworded: 4.8 Consumer-facing high-risk uses",
        "Reworded: 6.3 Disclosing AI assistance",
      ]);
      await frame.getByRole("button", { name: "Continue to the scenarios" }).click();
      await clickThroughScenarios(frame, update, () => "correct");
      await frame.getByRole("button", { name: "Continue to the acknowledgement" }).click();
      await frame.getByLabel("Type your full name to sign").fill("Ada Lovelace");
      await frame.getByRole("button", { name: `I accept version ${update.policy.version}` }).click();
      await frame.waitForSelector("#done-title");

      const data = await cmi(page);
      const plays = Object.values(data.interactions ?? {}).filter((i) => i.type === "sequencing");
      expect(plays).toHaveLength(UPDATE_SCENARIOS.length);
      if (version === "scorm12")
        expect(data.core).toMatchObject({ lesson_status: "passed", score: { raw: "100", min: "0", max: "100" } });
      else expect(data).toMatchObject({ completion_status: "completed", success_status: "passed" });
      expect(failures).toEqual([]);
      await page.close();
    },
  );
});

describe.each(Object.entries(ZIPS))("%s update package in a strict LMS", (version, zip) => {
  it("is passed with no call refused, and a relaunch shows the receipt", async () => {
    const key = `update-strict-${version}`;
    let page = await browser.newPage();
    let frame = await strict.launch(page, zip, key);
    await frame.getByRole("button", { name: "Start" }).click();
    await frame.getByRole("button", { name: "Continue to the scenarios" }).click();
    await clickThroughScenarios(frame, update, () => "correct");
    await frame.getByRole("button", { name: "Continue to the acknowledgement" }).click();
    await frame.getByLabel("Type your full name to sign").fill("Ada Lovelace");
    await frame.getByRole("button", { name: `I accept version ${update.policy.version}` }).click();
    await frame.waitForSelector("#done-title");
    if (version === "scorm12") expect(strict.report(key)).toMatchObject({ status: "passed", score: "100" });
    else expect(strict.report(key)).toMatchObject({ completion: "completed", success: "passed", score: "1" });
    await page.close();
    page = await browser.newPage();
    frame = await strict.launch(page, zip, key);
    await frame.waitForSelector("#done-title");
    expect(await frame.locator(".receipt").innerText()).toContain("Ada Lovelace");
    expect(strict.refused(key)).toEqual([]);
    await page.close();
  }, 120_000); // two launches and a play-through: slow on a busy machine
});

type Cmi = Record<string, unknown> & {
  core?: Record<string, unknown>;
  interactions?: Record<string, Record<string, unknown>>;
};

async function courseFrame(page: Page): Promise<Frame> {
  await page.waitForSelector("iframe");
  const frame = page.frames().find((f) => f.url().includes("/courses/"));
  if (!frame) throw new Error("The LMS page has no course frame");
  await frame.waitForSelector(".course-step h1");
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
