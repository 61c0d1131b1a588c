// Takes the README's screenshots from the built site in real Chromium: `npm run screenshots`
// (after `npm run build`). Writes docs/screenshots/*.png.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import { ensureChromium, launchBrowser } from "./harness/chromium.ts";
import { startAndReadPolicy } from "./harness/courseSteps.ts";
import { startServer } from "./harness/server.ts";

interface Shot {
  name: string;
  path: string;
  width: number;
  height: number;
  /** Clicks through to the state worth showing. */
  prepare?: (page: Page) => Promise<void>;
}

const policy = loadPolicy();

/** Starts the course, opens every policy section and answers the first situation. */
async function firstFeedback(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await startAndReadPolicy(
    page,
    policy.sections.map((section) => section.anchor),
  );
  await page.locator(".choice").nth(2).click();
  await page.waitForSelector(".feedback");
}

const shots: Shot[] = [
  { name: "home", path: "/", width: 1280, height: 900 },
  { name: "policy", path: "/policy", width: 1280, height: 1000 },
  { name: "policy-clause", path: "/policy#clause-3-1", width: 1280, height: 900 },
  { name: "policy-phone", path: "/policy", width: 390, height: 844 },
  { name: "course-feedback", path: "/course", width: 1100, height: 1250, prepare: firstFeedback },
];

mkdirSync("docs/screenshots", { recursive: true });
const data = mkdtempSync(path.join(tmpdir(), "aup-screenshots-"));
const server = await startServer({ AUP_DATA_DIR: data });
const browser = await launchBrowser(ensureChromium());
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    // Smooth scrolling would catch a deep link halfway to its clause.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(server.url + shot.path, { waitUntil: "networkidle" });
    await shot.prepare?.(page);
    await page.screenshot({ path: `docs/screenshots/${shot.name}.png` });
    await page.close();
    console.log(`docs/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(data, { recursive: true, force: true });
}
