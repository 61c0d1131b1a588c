import type { Scorm2004Api } from "./findLmsApi.ts";
import { scorm2004Duration } from "./scormTime.ts";
import { lmsLearner } from "./lmsLearner.ts";
import type { CmiDialect } from "./scormTracker.ts";

// SCORM 2004's session: completion, exit, suspend data and progress_measure, which follows the
// learner and is 1 only once acknowledged (an LMS derives completion from it and the manifest's
// threshold of 1). What it says about plays and the acknowledgement, with the score, is in
// scormReports.ts, loaded later.

/** progress_measure to two decimals; below 1 until the course says 1. */
const measure = (share: number) => String(share >= 1 ? 1 : Math.min(0.99, Math.round(share * 100) / 100));

export function scorm2004Dialect(api: Scorm2004Api): CmiDialect {
  const get = (element: string) => api.GetValue(element);
  const completion = () => get("cmi.completion_status");
  return {
    version: "2004",
    suspendLimit: 64000,
    calls: ["Initialize", "Commit", "Terminate", "SetValue"],
    initialize: () => api.Initialize("") === "true",
    terminate: () => api.Terminate("") === "true",
    commit: () => api.Commit("") === "true",
    get,
    set: (element, value) => api.SetValue(element, value) === "true",
    errorCode: () => api.GetLastError(),
    errorText: (code) => api.GetErrorString(code),
    learner: () => lmsLearner(get("cmi.learner_id"), get("cmi.learner_name")),
    progressElement: "cmi.suspend_data",
    locationElement: "cmi.location",
    finished: () => completion() === "completed",
    launchValues: () => [
      ...(["not attempted", "unknown", ""].includes(completion())
        ? [["cmi.completion_status", "incomplete"] as const]
        : []),
      ["cmi.exit", "suspend"],
    ],
    measureValues: (share) => [["cmi.progress_measure", measure(share)]],
    interactionCount: () => Number(get("cmi.interactions._count")) || 0,
    reports: () => import("./scormReports.ts").then((module) => module.scorm2004Reports),
    // Below the pass mark the attempt has failed; a pass stays "unknown" until acknowledged.
    resultValues: (result) => [["cmi.success_status", result.passed ? "unknown" : "failed"]],
    exitValues: (done, sessionMs, leaving) => [
      ["cmi.session_time", scorm2004Duration(sessionMs)],
      ["cmi.exit", done ? "normal" : "suspend"],
      // Leaving on purpose asks the LMS to take the learner back (LMSs without sequencing ignore it).
      ...(leaving ? [["adl.nav.request", done ? "exitAll" : "suspendAll"] as const] : []),
    ],
  };
}
