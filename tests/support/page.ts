import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";
import { expect } from "vitest";
import type { Browser } from "../../scripts/harness/chromium.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface OpenedPage {
  page: Page;
  /** Script requests made by the page. */
  scripts: string[];
  /** Requests that failed or answered 4xx/5xx, and errors the page logged. */
  failures: string[];
}

/** Opens a page of the built site and records its scripts and every failure. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 900 },
): Promise<OpenedPage> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const scripts: string[] = [];
  const failures: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  page.on("requestfailed", (request) => failures.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
  page.on("response", (response) => {
    if (response.status() >= 400) failures.push(`${response.url()}: ${response.status()}`);
  });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") failures.push(`console: ${message.text()}`);
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  return { page, scripts, failures };
}

/** Accessibility violations that axe-core finds in the page (or a frame, such as a course in an LMS) as it is now. */
export async function axeViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated through DevTools, not added as a <script>: the site's Content-Security-Policy rightly
  // refuses inline scripts it has no hash for, and the test tool must not need the policy weakened.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${axeSource};undefined`);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<Result> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
