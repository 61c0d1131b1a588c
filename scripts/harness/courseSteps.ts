import type { Frame, Page } from "playwright-core";

// Shared by the tests and the screenshot script, which runs outside vitest: no test-runner imports here.

/**
 * The course once its island has started: until then the page shows the first screen as the server
 * rendered it, marked busy, with Start disabled.
 */
export const STARTED = ".course:not([aria-busy])";

/** The control that opens a policy section in the course (its disclosure's summary). */
export const sectionToggle = (anchor: string | undefined) => `#course-section-${anchor} > summary`;

/** Starts the course and opens every policy section by clicking, then moves on to the scenarios. */
export async function startAndReadPolicy(view: Page | Frame, sectionAnchors: readonly string[]): Promise<void> {
  await view.getByRole("button", { name: "Start" }).click();
  for (const anchor of sectionAnchors) await view.locator(sectionToggle(anchor)).click();
  await view.getByRole("button", { name: "Continue to the scenarios" }).click();
  await view.waitForSelector(".scenario__situation");
}
