import { findLmsApi, type LmsApi } from "./findLmsApi.ts";
import { scorm12Dialect } from "./scorm12Dialect.ts";
import { scorm2004Dialect } from "./scorm2004Dialect.ts";
import { ScormTracker } from "./scormTracker.ts";

/**
 * Looks for the LMS API, and keeps looking for up to `waitMs`: some LMSs put it in place only after
 * their own frame has loaded, a moment after the course starts.
 */
export async function waitForLmsApi(
  win: Window,
  prefer: "1.2" | "2004",
  waitMs = 2000,
  everyMs = 100,
): Promise<LmsApi | undefined> {
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, everyMs))) {
    const found = findLmsApi(win, prefer);
    if (found || Date.now() - started >= waitMs) return found;
  }
}

/**
 * Connects to the LMS that launched this package, if there is one. Progress is committed when the
 * page is hidden and the session finishes once when the page goes away: `unload` is unreliable
 * (and ignored by some browsers), `pagehide` is not.
 */
export async function connectLms(win: Window, version: "scorm12" | "scorm2004"): Promise<ScormTracker | undefined> {
  const found = await waitForLmsApi(win, version === "scorm12" ? "1.2" : "2004");
  if (!found) return undefined;
  const tracker = new ScormTracker(found.version === "1.2" ? scorm12Dialect(found.api) : scorm2004Dialect(found.api));
  win.document.addEventListener("visibilitychange", () => {
    if (win.document.visibilityState === "hidden") tracker.commit();
  });
  win.addEventListener("pagehide", () => tracker.finish());
  return tracker;
}
