import { findLmsApi } from "./findLmsApi.ts";
import { scorm12Dialect } from "./scorm12Dialect.ts";
import { scorm2004Dialect } from "./scorm2004Dialect.ts";
import { ScormTracker } from "./scormTracker.ts";

/**
 * Connects to the LMS that launched this package, if there is one. Progress is committed when the
 * page is hidden and the session finishes once when the page goes away: `unload` is unreliable
 * (and ignored by some browsers), `pagehide` is not.
 */
export function connectLms(win: Window, version: "scorm12" | "scorm2004"): ScormTracker | undefined {
  const found = findLmsApi(win, version === "scorm12" ? "1.2" : "2004");
  if (!found) return undefined;
  const tracker = new ScormTracker(found.version === "1.2" ? scorm12Dialect(found.api) : scorm2004Dialect(found.api));
  win.document.addEventListener("visibilitychange", () => {
    if (win.document.visibilityState === "hidden") tracker.commit();
  });
  win.addEventListener("pagehide", () => tracker.finish());
  return tracker;
}
