import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { startDevServer, type DevServer } from "../support/devServer.ts";
import { openPage } from "../support/page.ts";
import { STARTED } from "../../scripts/harness/courseSteps.ts";

let browser: Browser;
let dev: DevServer;
beforeAll(async () => {
  [browser, dev] = await Promise.all([launchBrowser(inject("chromiumPath")), startDevServer({}, "/course")]);
});
afterAll(async () => {
  dev.stop();
  await browser.close();
});

// The course island mounts itself from a page script, so the dev server must give it React Fast
// Refresh's preamble (reactRefreshPreamble.ts); without it React refuses to run in dev.
describe("the dev server", () => {
  for (const [path, title] of [
    ["/course", "Claude at work: onboarding"],
    ["/refresher", "Quarterly refresher"],
  ] as const)
    it(`runs the ${path.slice(1)} island`, async () => {
      const { page, failures } = await openPage(browser, dev.url + path);
      const shown = await page.waitForSelector(`${STARTED} #intro-title`, { timeout: 30_000 }).then(
        (heading) => heading.textContent(),
        () => undefined,
      );
      expect(shown, `${failures.join("\n")}\n${dev.output()}`).toBe(title);
      await page.close();
    });
});
