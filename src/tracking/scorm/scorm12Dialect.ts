import type { Scorm12Api } from "./findLmsApi.ts";
import { scorm12Duration } from "./scormTime.ts";
import { lmsLearner } from "./lmsLearner.ts";
import type { CmiDialect } from "./scormTracker.ts";

// SCORM 1.2's session: status, exit (which has no "normal") and suspend data. What it says about
// plays and the acknowledgement, with the score, is in scormReports.ts, loaded later.

export function scorm12Dialect(api: Scorm12Api): CmiDialect {
  const get = (element: string) => api.LMSGetValue(element);
  const status = () => get("cmi.core.lesson_status");
  return {
    version: "1.2",
    suspendLimit: 4096,
    calls: ["LMSInitialize", "LMSCommit", "LMSFinish", "LMSSetValue"],
    initialize: () => api.LMSInitialize("") === "true",
    terminate: () => api.LMSFinish("") === "true",
    commit: () => api.LMSCommit("") === "true",
    get,
    set: (element, value) => api.LMSSetValue(element, value) === "true",
    errorCode: () => api.LMSGetLastError(),
    errorText: (code) => api.LMSGetErrorString(code),
    learner: () => lmsLearner(get("cmi.core.student_id"), get("cmi.core.student_name")),
    progressElement: "cmi.suspend_data",
    locationElement: "cmi.core.lesson_location",
    finished: () => status() === "passed" || status() === "completed",
    launchValues: () => [
      ...(status() === "not attempted" || status() === "" ? [["cmi.core.lesson_status", "incomplete"] as const] : []),
      ["cmi.core.exit", "suspend"],
    ],
    measureValues: () => [],
    interactionCount: () => Number(get("cmi.interactions._count")) || 0,
    reports: () => import("./scormReports.ts").then((module) => module.scorm12Reports),
    // Below the pass mark the attempt has failed; a pass is not "passed" until acknowledged.
    resultValues: (result) => [["cmi.core.lesson_status", result.passed ? "incomplete" : "failed"]],
    exitValues: (done, sessionMs) => [
      ["cmi.core.session_time", scorm12Duration(sessionMs)],
      ["cmi.core.exit", done ? "" : "suspend"],
    ],
  };
}
