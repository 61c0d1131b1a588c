import { toPercent } from "../../course/scoring.ts";
import type { Scorm2004Api } from "./findLmsApi.ts";
import { scorm2004Duration, scorm2004Timestamp } from "./scormTime.ts";
import { lmsLearner } from "./lmsLearner.ts";
import type { CmiDialect } from "./scormTracker.ts";

// SCORM 2004 vocabulary: results say "incorrect", interactions carry a description and an ISO
// timestamp, and success_status is set by the course (Moodle never derives it from the score).
const RESULT = { correct: "correct", partial: "neutral", incorrect: "incorrect" } as const;

/** long_identifier_type: a URI-like id without spaces. */
const identifier = (text: string) => `urn:aup-course:${text.replace(/[^A-Za-z0-9._-]/g, "-")}`.slice(0, 4000);

export function scorm2004Dialect(api: Scorm2004Api): CmiDialect {
  const get = (element: string) => api.GetValue(element);
  return {
    version: "2004",
    suspendLimit: 64000,
    initialize: () => api.Initialize("") === "true",
    terminate: () => api.Terminate("") === "true",
    commit: () => api.Commit("") === "true",
    get,
    set: (element, value) => api.SetValue(element, value) === "true",
    lastError: () => {
      const code = api.GetLastError();
      return `${code}: ${api.GetErrorString(code)}`;
    },
    learner: () => lmsLearner(get("cmi.learner_id"), get("cmi.learner_name")),
    progressElement: "cmi.suspend_data",
    statusElement: "cmi.completion_status",
    launchValues: (status) => [
      ...(status === "not attempted" || status === "unknown" || status === ""
        ? [["cmi.completion_status", "incomplete"] as const]
        : []),
      ["cmi.exit", "suspend"],
    ],
    interactionCount: () => Number(get("cmi.interactions._count")) || 0,
    answerValues: (n, answer) => [
      [`cmi.interactions.${n}.id`, identifier(`${answer.scenarioId}.${answer.node}.attempt-${answer.attempt}`)],
      [`cmi.interactions.${n}.type`, "choice"],
      [`cmi.interactions.${n}.objectives.0.id`, identifier(`clause-${answer.clause}`)],
      [`cmi.interactions.${n}.timestamp`, scorm2004Timestamp(new Date(answer.at))],
      [`cmi.interactions.${n}.learner_response`, `choice-${answer.choice + 1}`],
      [`cmi.interactions.${n}.result`, RESULT[answer.outcome]],
      [`cmi.interactions.${n}.latency`, scorm2004Duration(answer.at - answer.shownAt)],
      [`cmi.interactions.${n}.description`, `Clause ${answer.clause}: ${answer.choiceLabel}`.slice(0, 250)],
    ],
    resultValues: (result) => [
      ["cmi.score.min", "0"],
      ["cmi.score.max", "100"],
      ["cmi.score.raw", String(toPercent(result.score))],
      ["cmi.score.scaled", String(Math.round(result.score * 10_000) / 10_000)],
      ["cmi.success_status", result.passed ? "passed" : "failed"],
      ["cmi.progress_measure", String(Math.round(result.progress * 100) / 100)],
    ],
    acknowledgementValues: (n, request, at) => [
      [`cmi.interactions.${n}.id`, identifier("acknowledgement")],
      [`cmi.interactions.${n}.type`, "other"],
      [`cmi.interactions.${n}.timestamp`, scorm2004Timestamp(at)],
      [
        `cmi.interactions.${n}.learner_response`,
        `${request.policy.version} ${request.policy.hash} ${request.typedName}`.slice(0, 4000),
      ],
      [`cmi.interactions.${n}.result`, "neutral"],
      [
        `cmi.interactions.${n}.description`,
        `Acknowledged the Acceptable Use Policy for Claude, version ${request.policy.version}`,
      ],
      [
        "cmi.comments_from_learner.0.comment",
        `Acknowledged the Acceptable Use Policy for Claude, version ${request.policy.version} (SHA-256 ${request.policy.hash}), signed "${request.typedName}".`,
      ],
      ["cmi.comments_from_learner.0.location", "acknowledgement"],
      ["cmi.comments_from_learner.0.timestamp", scorm2004Timestamp(at)],
      ["cmi.completion_status", "completed"],
      ["cmi.progress_measure", "1"],
    ],
    finishValues: (done, sessionMs) => [
      ["cmi.session_time", scorm2004Duration(sessionMs)],
      ["cmi.exit", done ? "normal" : "suspend"],
    ],
  };
}
