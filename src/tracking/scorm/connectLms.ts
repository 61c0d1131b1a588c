import { findLmsApi, type LmsApi } from "./findLmsApi.ts";
import { ScormTracker, type CmiDialect } from "./scormTracker.ts";

type ApiOf<V extends LmsApi["version"]> = Extract<LmsApi, { version: V }>["api"];

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
 * Connects to the LMS that launched this package, if there is one, speaking the package's SCORM
 * version through `dialect` (passed in so that a build carries only its own version's code).
 * The learner leaves on purpose (Finish, Save and exit); if the page goes first, the session ends
 * once, on beforeunload (where some runtimes can still send synchronously) or else pagehide
 * (`unload` is unreliable). Nothing is committed when the page is merely hidden: LMSs post the whole
 * state at each commit, and one made then, followed by the final post, could pass the browser's
 * beacon budget while the page is dismissed.
 */
export async function connectLms<V extends LmsApi["version"]>(
  win: Window,
  version: V,
  dialect: (api: ApiOf<V>) => CmiDialect,
): Promise<ScormTracker | undefined> {
  const found = await waitForLmsApi(win, version);
  if (!found) return undefined;
  // findLmsApi answers only with the version asked for.
  const tracker = new ScormTracker(dialect(found.api as ApiOf<V>));
  const finish = () => tracker.finish();
  win.addEventListener("beforeunload", finish);
  win.addEventListener("pagehide", finish);
  return tracker;
}
