// Takes the README's screenshots from the built site in real Chromium: `npm run screenshots`
// (after `npm run build`). Writes docs/screenshots/*.png.
import { mkdirSync } from "node:fs";
import { ensureChromium, launchBrowser } from "../tests/support/chromium.ts";
import { startServer } from "../tests/support/server.ts";

const shots = [
  { name: "home", path: "/", width: 1280, height: 900, fullPage: false },
  { name: "policy", path: "/policy", width: 1280, height: 1000, fullPage: false },
  { name: "policy-clause", path: "/policy#clause-3-1", width: 1280, height: 900, fullPage: false },
  { name: "policy-phone", path: "/policy", width: 390, height: 844, fullPage: false },
];

mkdirSync("docs/screenshots", { recursive: true });
const server = await startServer();
const browser = await launchBrowser(ensureChromium());
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.goto(server.url + shot.path);
    await page.screenshot({ path: `docs/screenshots/${shot.name}.png`, fullPage: shot.fullPage });
    await page.close();
    console.log(`docs/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  await server.stop();
}
