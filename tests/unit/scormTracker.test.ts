import { Scorm12API, Scorm2004API } from "scorm-again";
import { describe, expect, it } from "vitest";
import type { Scorm12Api } from "../../src/tracking/scorm/findLmsApi.ts";
import { scorm12Dialect } from "../../src/tracking/scorm/scorm12Dialect.ts";
import { scorm2004Dialect } from "../../src/tracking/scorm/scorm2004Dialect.ts";
import {
  scorm12Duration,
  scorm12Time,
  scorm2004Duration,
  scorm2004Timestamp,
} from "../../src/tracking/scorm/scormTime.ts";
import { ScormTracker } from "../../src/tracking/scorm/scormTracker.ts";
import { acknowledgedResult } from "../../src/course/courseResult.ts";
import type { AcknowledgementRequest, AnswerReport, CourseResult } from "../../src/tracking/tracker.ts";

const T0 = Date.parse("2026-11-22T09:00:00Z");
const answer = (choice: number, outcome: AnswerReport["outcome"], offset: number): AnswerReport => ({
  scenarioId: "client-email-summary",
  node: "inbox",
  choice,
  choiceLabel: "Check the contract first.",
  outcome,
  clause: "3.4",
  attempt: 1,
  shownAt: T0 + offset,
  at: T0 + offset + 12_340,
});
const result = (passed: boolean): CourseResult => ({
  mode: "onboarding",
  score: passed ? 0.9 : 0.5,
  passMark: 80,
  passed,
  attempt: 1,
  scenarios: [],
  progress: 1,
});
const request: AcknowledgementRequest = {
  attemptId: "k3j2h1g0",
  typedName: "Ada Lovelace",
  policy: { version: "1.0.0", hash: "a".repeat(64) },
  result: acknowledgedResult(result(true)),
};

/** A clock the test moves: session time and timestamps become exact. */
function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

type Cmi = Record<string, unknown> & { core?: Record<string, unknown> };

function lms12(saved: Record<string, unknown> = {}) {
  const api = new Scorm12API({ logLevel: 5 });
  api.loadFromJSON({
    core: { student_id: "E-1815", student_name: "Lovelace, Ada", ...(saved.core as object) },
    ...saved,
  });
  let finishes = 0;
  const finish = api.LMSFinish.bind(api);
  api.LMSFinish = (p?: string) => (finishes++, finish(p));
  return { api, cmi: () => (api.renderCMIToJSONObject() as { cmi: Cmi }).cmi, finishes: () => finishes };
}

function lms2004(saved: Record<string, unknown> = {}) {
  const api = new Scorm2004API({ logLevel: 5 });
  api.loadFromJSON({ learner_id: "E-1815", learner_name: "Lovelace, Ada", ...saved });
  let terminations = 0;
  const terminate = api.Terminate.bind(api);
  api.Terminate = (p?: string) => (terminations++, terminate(p));
  return { api, cmi: () => (api.renderCMIToJSONObject() as { cmi: Cmi }).cmi, finishes: () => terminations };
}

describe("SCORM time formats", () => {
  it("writes 1.2 timespans as HHHH:MM:SS.SS and times of day as HH:MM:SS", () => {
    expect(scorm12Duration(3_725_500)).toBe("0001:02:05.50");
    expect(scorm12Duration(12_340)).toBe("0000:00:12.34");
    expect(scorm12Duration(0)).toBe("0000:00:00.00");
    expect(scorm12Time(new Date(T0 + 12_340))).toBe("09:00:12");
  });

  it("writes 2004 durations and timestamps in ISO 8601", () => {
    expect(scorm2004Duration(3_725_500)).toBe("PT1H2M5.5S");
    expect(scorm2004Duration(12_340)).toBe("PT12.34S");
    expect(scorm2004Duration(0)).toBe("PT0S");
    expect(scorm2004Timestamp(new Date(T0))).toBe("2026-11-22T09:00:00");
  });
});

describe("SCORM 1.2 tracker against scorm-again", () => {
  it("starts once, marks the attempt incomplete and suspendable, and reads the learner and saved progress", async () => {
    const lms = lms12({ suspend_data: "1~saved" });
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    expect(await tracker.start()).toEqual({ progress: "1~saved", learner: { id: "E-1815", name: "Ada Lovelace" } });
    await tracker.start();
    expect(lms.cmi().core).toMatchObject({ lesson_status: "incomplete", exit: "suspend" });
    expect(tracker.problems).toEqual([]);
  });

  it("reports each choice as an interaction in 1.2's vocabulary", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await tracker.start();
    tracker.reportAnswer(answer(1, "incorrect", 0));
    tracker.reportAnswer(answer(2, "partial", 60_000));
    tracker.reportAnswer(answer(0, "correct", 120_000));
    const interactions = lms.cmi().interactions as Record<string, Record<string, unknown>>;
    expect(Object.keys(interactions)).toHaveLength(3);
    expect(interactions["0"]).toMatchObject({
      id: "client-email-summary_inbox_a1",
      type: "choice",
      student_response: "b",
      result: "wrong",
      time: "09:00:12",
      latency: "00:00:12.34",
    });
    expect(interactions["1"]).toMatchObject({ student_response: "c", result: "neutral" });
    expect(interactions["2"]).toMatchObject({ student_response: "a", result: "correct" });
    expect(tracker.problems).toEqual([]);
  });

  it("reports the score as a percentage, passes only with the acknowledgement, and finishes exactly once with an empty exit", async () => {
    const lms = lms12();
    const time = clock();
    const tracker = new ScormTracker(scorm12Dialect(lms.api), time.now);
    await tracker.start();
    tracker.reportResult(result(true));
    expect(lms.cmi().core).toMatchObject({ lesson_status: "incomplete", score: { raw: "90", min: "0", max: "100" } });
    const receipt = await tracker.recordAcknowledgement(request);
    expect(receipt).toMatchObject({
      name: "Ada Lovelace",
      policyVersion: "1.0.0",
      storedIn: "your organisation's LMS (SCORM 1.2)",
    });
    expect(lms.cmi().core).toMatchObject({ lesson_status: "passed" });
    expect(lms.cmi().comments).toContain(`version 1.0.0 (SHA-256 ${"a".repeat(64)}), signed "Ada Lovelace"`);
    expect(Object.values(lms.cmi().interactions as object).at(-1)).toMatchObject({
      id: "acknowledgement",
      type: "fill-in",
    });
    time.advance(3_725_500);
    tracker.finish();
    tracker.finish();
    expect(lms.finishes()).toBe(1);
    // scorm-again keeps the 1.2 timespan we sent (0001:02:05.50) in its own normal form.
    expect(lms.cmi().core).toMatchObject({ exit: "", session_time: "01:02:05.5" });
  });

  it("exits suspended when the learner leaves before the end, and reports a failed course", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await tracker.start();
    tracker.reportResult(result(false));
    tracker.finish();
    expect(lms.cmi().core).toMatchObject({ lesson_status: "failed", exit: "suspend" });
  });

  it("tells the learner when the LMS refuses a call, and keeps going", async () => {
    const lms = lms12();
    // An LMS that accepts the session but refuses every value, as Moodle does with a malformed one.
    const refusing: Scorm12Api = {
      LMSSetValue: () => "false",
      LMSGetLastError: () => "405",
      LMSGetErrorString: () => "Incorrect Data Type",
      LMSGetValue: (e: string) => lms.api.LMSGetValue(e),
      LMSInitialize: () => "true",
      LMSCommit: () => "true",
      LMSFinish: () => "true",
    };
    const heard: string[] = [];
    const tracker = new ScormTracker(scorm12Dialect(refusing));
    tracker.onProblem((p) => heard.push(p));
    await tracker.start();
    tracker.saveProgress("1~x");
    expect(heard).toContain("The LMS refused cmi.suspend_data (405: Incorrect Data Type)");
    await expect(tracker.recordAcknowledgement(request)).rejects.toThrow(/The LMS did not save your acknowledgement/);
  });

  it("refuses progress longer than SCORM 1.2 keeps instead of letting the LMS cut it", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await tracker.start();
    tracker.saveProgress("x".repeat(4097));
    expect(tracker.problems).toEqual(["Progress is longer than this LMS keeps (4096 characters)"]);
    expect(lms.cmi().suspend_data).toBe("");
  });
});

describe("SCORM 2004 tracker against scorm-again", () => {
  it("reports choices with descriptions, timestamps and 2004's result words", async () => {
    const lms = lms2004({ suspend_data: "1~saved" });
    const tracker = new ScormTracker(scorm2004Dialect(lms.api));
    expect(await tracker.start()).toEqual({ progress: "1~saved", learner: { id: "E-1815", name: "Ada Lovelace" } });
    tracker.reportAnswer(answer(1, "incorrect", 0));
    tracker.reportAnswer(answer(0, "correct", 5_000));
    const interactions = lms.cmi().interactions as Record<string, Record<string, unknown>>;
    expect(interactions["0"]).toMatchObject({
      id: "urn:aup-course:client-email-summary.inbox.attempt-1",
      type: "choice",
      learner_response: "choice-2",
      result: "incorrect",
      timestamp: "2026-11-22T09:00:12",
      latency: "PT12.34S",
      description: "Clause 3.4: Check the contract first.",
    });
    expect(interactions["1"]).toMatchObject({ result: "correct", learner_response: "choice-1" });
    expect(lms.cmi()).toMatchObject({ completion_status: "incomplete", exit: "suspend" });
    expect(tracker.problems).toEqual([]);
  });

  it("sets success, scaled score and progress with the result, completion with the acknowledgement, and exits normal once", async () => {
    const lms = lms2004();
    const time = clock();
    const tracker = new ScormTracker(scorm2004Dialect(lms.api), time.now);
    await tracker.start();
    tracker.reportResult(result(true));
    expect(lms.cmi()).toMatchObject({
      success_status: "passed",
      completion_status: "incomplete",
      progress_measure: "1",
      score: { scaled: "0.9", raw: "90", min: "0", max: "100" },
    });
    await tracker.recordAcknowledgement(request);
    expect(lms.cmi()).toMatchObject({ completion_status: "completed" });
    expect(JSON.stringify(lms.cmi().comments_from_learner)).toContain('signed \\"Ada Lovelace\\"');
    time.advance(3_725_500);
    tracker.finish();
    tracker.finish();
    expect(lms.finishes()).toBe(1);
    expect(lms.cmi()).toMatchObject({ exit: "normal", session_time: "PT1H2M5.5S" });
    expect(tracker.problems).toEqual([]);
  });

  it("reports a failed course and exits suspended when unfinished", async () => {
    const lms = lms2004();
    const tracker = new ScormTracker(scorm2004Dialect(lms.api));
    await tracker.start();
    tracker.reportResult(result(false));
    tracker.finish();
    expect(lms.cmi()).toMatchObject({ success_status: "failed", completion_status: "incomplete", exit: "suspend" });
  });
});
