import { toPercent } from "../../course/scoring.ts";
import type { Scorm12Api } from "./findLmsApi.ts";
import { scorm12Duration, scorm12Time } from "./scormTime.ts";
import { lmsLearner } from "./lmsLearner.ts";
import type { CmiDialect } from "./scormTracker.ts";

// SCORM 1.2 vocabulary: results say "wrong", choice responses are single characters, the score is
// a percentage (Moodle compares score.raw with the mastery score), and exit has no "normal".
const RESULT = { correct: "correct", partial: "neutral", incorrect: "wrong" } as const;

/** CMIIdentifier: letters, digits, - and _ only. */
const identifier = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);

export function scorm12Dialect(api: Scorm12Api): CmiDialect {
  const get = (element: string) => api.LMSGetValue(element);
  return {
    version: "1.2",
    suspendLimit: 4096,
    initialize: () => api.LMSInitialize("") === "true",
    terminate: () => api.LMSFinish("") === "true",
    commit: () => api.LMSCommit("") === "true",
    get,
    set: (element, value) => api.LMSSetValue(element, value) === "true",
    lastError: () => {
      const code = api.LMSGetLastError();
      return `${code}: ${api.LMSGetErrorString(code)}`;
    },
    learner: () => lmsLearner(get("cmi.core.student_id"), get("cmi.core.student_name")),
    progressElement: "cmi.suspend_data",
    statusElement: "cmi.core.lesson_status",
    launchValues: (status) => [
      ...(status === "not attempted" || status === "" ? [["cmi.core.lesson_status", "incomplete"] as const] : []),
      ["cmi.core.exit", "suspend"],
    ],
    interactionCount: () => Number(get("cmi.interactions._count")) || 0,
    answerValues: (n, answer) => [
      [`cmi.interactions.${n}.id`, identifier(`${answer.scenarioId}_${answer.node}_a${answer.attempt}`)],
      [`cmi.interactions.${n}.type`, "choice"],
      [`cmi.interactions.${n}.objectives.0.id`, identifier(`clause-${answer.clause}`)],
      [`cmi.interactions.${n}.time`, scorm12Time(new Date(answer.at))],
      [`cmi.interactions.${n}.student_response`, String.fromCharCode(97 + answer.choice)],
      [`cmi.interactions.${n}.result`, RESULT[answer.outcome]],
      [`cmi.interactions.${n}.latency`, scorm12Duration(answer.at - answer.shownAt)],
    ],
    resultValues: (result) => [
      ["cmi.core.score.min", "0"],
      ["cmi.core.score.max", "100"],
      ["cmi.core.score.raw", String(toPercent(result.score))],
      // A pass becomes "passed" with the acknowledgement; until then the course is not done.
      ...(result.passed ? [] : [["cmi.core.lesson_status", "failed"] as const]),
    ],
    acknowledgementValues: (n, request, at) => [
      [`cmi.interactions.${n}.id`, "acknowledgement"],
      [`cmi.interactions.${n}.type`, "fill-in"],
      [`cmi.interactions.${n}.time`, scorm12Time(at)],
      [
        `cmi.interactions.${n}.student_response`,
        `${request.policy.version} ${request.policy.hash.slice(0, 16)} ${request.typedName}`.slice(0, 255),
      ],
      [`cmi.interactions.${n}.result`, "neutral"],
      ["cmi.core.lesson_status", "passed"],
      [
        "cmi.comments",
        `Acknowledged the Acceptable Use Policy for Claude, version ${request.policy.version} (SHA-256 ${request.policy.hash}), signed "${request.typedName}" at ${at.toISOString()}.`,
      ],
    ],
    finishValues: (done, sessionMs) => [
      ["cmi.core.session_time", scorm12Duration(sessionMs)],
      ["cmi.core.exit", done ? "" : "suspend"],
    ],
  };
}
