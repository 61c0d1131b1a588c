import { toPercent } from "../../course/scoring.ts";
import type { AcknowledgementReceipt, AcknowledgementRequest } from "../tracker.ts";
import type { CmiReports } from "./cmiReports.ts";
import { readReceipt, writeReceipt } from "./lmsReceipt.ts";
import { journalFits } from "./postBudget.ts";
import { playDescription, playId, playResponse, playResult } from "./scenarioPlay.ts";
import { scorm12Time, scorm2004Timestamp } from "./scormTime.ts";
import type { CmiValue } from "./scormTracker.ts";

// What each SCORM version says about a scenario played and about the acknowledgement, loaded once
// the course is on screen (the page's first load has a budget). Both versions are in this one
// module: helpers shared by two lazily loaded modules would be pulled into the first load. The
// score is sent only with the acknowledgement, in both: a 1.2 LMS applies the manifest's mastery
// score to any raw score at LMSFinish, and a 2004 LMS derives success from score.scaled and the
// manifest's passing score, either of which would pass a learner who has not acknowledged.

const STATEMENT = "Acknowledged the Acceptable Use Policy for Claude, version";

/** The parts both versions share: the budget check, the receipt, and the learner's message. */
function reports(
  version: string,
  location: string,
  play: CmiReports["playValues"],
  acknowledgement: (n: number, request: AcknowledgementRequest, at: Date) => CmiValue[],
): CmiReports {
  return {
    playValues: (n, scenario, written, priorPlays) => {
      const values = play(n, scenario, written, priorPlays);
      // LMSs post every interaction at every commit; beyond the budget the play is not journalled,
      // so that the final post still fits a beacon. The score and progress still count it.
      return journalFits(written, values, priorPlays) ? values : [];
    },
    acknowledgement: (n, request, at) => {
      const receipt: AcknowledgementReceipt = {
        name: request.typedName,
        policyVersion: request.policy.version,
        policyHash: request.policy.hash,
        acknowledgedAt: at.toISOString(),
        score: request.result.score,
        storedIn: `your organisation's LMS (SCORM ${version})`,
      };
      return { values: [...acknowledgement(n, request, at), [location, writeReceipt(receipt)]], receipt };
    },
    refusal: (code) => `Your LMS did not save it (code ${code}). Try again, or tell your LMS administrator.`,
    receipt: (text) => readReceipt(text, version),
  };
}

// 1.2: results say "wrong", responses are single characters separated by commas.
const RESULT_12 = { correct: "correct", partial: "neutral", incorrect: "wrong" } as const;

export const scorm12Reports = reports(
  "1.2",
  "cmi.core.lesson_location",
  (n, play) => [
    [`cmi.interactions.${n}.id`, playId(play)],
    [`cmi.interactions.${n}.type`, "sequencing"],
    [`cmi.interactions.${n}.time`, scorm12Time(new Date(play.answers[0]?.at ?? 0))],
    [`cmi.interactions.${n}.student_response`, playResponse(play, ",")],
    [`cmi.interactions.${n}.result`, RESULT_12[playResult(play)]],
  ],
  (n, request, at) => [
    ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"],
    ["cmi.core.score.raw", String(toPercent(request.result.score))],
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
      `${STATEMENT} ${request.policy.version} (SHA-256 ${request.policy.hash}), signed "${request.typedName}" at ${at.toISOString()}.`,
    ],
  ],
);

// 2004: results say "incorrect", list responses use the [,] delimiter, interactions carry a
// description; the acknowledgement completes the attempt (progress_measure 1, the manifest's threshold).
const RESULT_2004 = { correct: "correct", partial: "neutral", incorrect: "incorrect" } as const;

export const scorm2004Reports = reports(
  "2004",
  "cmi.location",
  (n, play) => [
    [`cmi.interactions.${n}.id`, playId(play)],
    [`cmi.interactions.${n}.type`, "sequencing"],
    [`cmi.interactions.${n}.timestamp`, scorm2004Timestamp(new Date(play.answers[0]?.at ?? 0))],
    [`cmi.interactions.${n}.learner_response`, playResponse(play, "[,]")],
    [`cmi.interactions.${n}.result`, RESULT_2004[playResult(play)]],
    [`cmi.interactions.${n}.description`, playDescription(play)],
  ],
  (n, request, at) => [
    ["cmi.score.min", "0"],
    ["cmi.score.max", "100"],
    ["cmi.score.raw", String(toPercent(request.result.score))],
    ["cmi.score.scaled", String(Math.round(request.result.score * 10_000) / 10_000)],
    ["cmi.success_status", "passed"],
    [`cmi.interactions.${n}.id`, "acknowledgement"],
    [`cmi.interactions.${n}.type`, "other"],
    [`cmi.interactions.${n}.timestamp`, scorm2004Timestamp(at)],
    [
      `cmi.interactions.${n}.learner_response`,
      `${request.policy.version} ${request.policy.hash} ${request.typedName}`.slice(0, 4000),
    ],
    [`cmi.interactions.${n}.result`, "neutral"],
    [`cmi.interactions.${n}.description`, `${STATEMENT} ${request.policy.version}`.slice(0, 250)],
    [
      "cmi.comments_from_learner.0.comment",
      `${STATEMENT} ${request.policy.version} (SHA-256 ${request.policy.hash}), signed "${request.typedName}".`,
    ],
    ["cmi.comments_from_learner.0.location", "acknowledgement"],
    ["cmi.comments_from_learner.0.timestamp", scorm2004Timestamp(at)],
    ["cmi.completion_status", "completed"],
    ["cmi.progress_measure", "1"],
  ],
);
