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
import type { Outcome } from "../../src/schemas/scenario.ts";
import type { AcknowledgementRequest, CourseResult, ScenarioPlay } from "../../src/tracking/tracker.ts";
import { MemoryLms } from "../support/strictLms/memoryLms.ts";
import { KEEPALIVE_BUDGET } from "../support/strictLms/postSize.ts";

const T0 = Date.parse("2026-11-22T09:00:00Z");
const CREDIT: Record<Outcome, number> = { correct: 1, partial: 0.5, incorrect: 0 };
/** A scenario played to its end with these choices (index and outcome), starting at `offset` ms after T0. */
const play = (
  choices: [number, Outcome][],
  offset = 0,
  attempt = 1,
  title = "Can I paste this client email into Claude?",
): ScenarioPlay => ({
  scenarioId: "client-email-summary",
  title,
  attempt,
  path: [],
  answers: choices.map(([choice, outcome], i) => ({
    node: `node-${i}`,
    choice,
    outcome,
    clause: i % 2 ? "3.2" : "3.4",
    at: T0 + offset + 12_340 + i * 1000,
  })),
  score: choices.reduce((sum, [, outcome]) => sum + CREDIT[outcome], 0) / choices.length,
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

/** Starts a tracker and waits for its reports (which a page loads while the learner plays the first scenario). */
async function begin(tracker: ScormTracker): Promise<void> {
  await tracker.start();
  await tracker.ready;
}

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

/** The manifest's judging facts, as `npm run package` writes them (pass mark 80). */
const strict12 = () => new MemoryLms({ masteryScore: "80" });
const strict2004 = (options = {}) =>
  new MemoryLms({ scaledPassingScore: "0.8", completionThreshold: "1.0", ...options });

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
    expect(await tracker.start()).toEqual({
      progress: "1~saved",
      learner: { id: "E-1815", name: "Ada Lovelace" },
      receipt: undefined,
    });
    await begin(tracker);
    expect(lms.cmi().core).toMatchObject({ lesson_status: "incomplete", exit: "suspend" });
    expect(tracker.problems).toEqual([]);
  });

  it("reports each scenario played as one sequencing interaction, its choices as letters in 1.2's vocabulary", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await begin(tracker);
    tracker.reportScenario(play([[1, "incorrect"]]));
    tracker.reportScenario(
      play(
        [
          [2, "partial"],
          [0, "correct"],
        ],
        60_000,
        2,
      ),
    );
    tracker.reportScenario(play([[0, "correct"]], 120_000, 3));
    const interactions = lms.cmi().interactions as Record<string, Record<string, unknown>>;
    expect(Object.keys(interactions)).toHaveLength(3);
    expect(interactions["0"]).toMatchObject({
      id: "client_email_summary.a1",
      type: "sequencing",
      student_response: "b",
      result: "wrong",
      time: "09:00:12",
    });
    expect(interactions["1"]).toMatchObject({
      id: "client_email_summary.a2",
      student_response: "c,a",
      result: "neutral",
    });
    expect(interactions["2"]).toMatchObject({ student_response: "a", result: "correct" });
    expect(tracker.problems).toEqual([]);
  });

  it("sends no score before the acknowledgement, passes only with it, and finishes exactly once with an empty exit", async () => {
    const lms = lms12();
    const time = clock();
    const tracker = new ScormTracker(scorm12Dialect(lms.api), time.now);
    await begin(tracker);
    tracker.reportResult(result(true));
    expect(lms.cmi().core).toMatchObject({ lesson_status: "incomplete", score: { raw: "" } });
    const receipt = await tracker.recordAcknowledgement(request);
    expect(receipt).toMatchObject({
      name: "Ada Lovelace",
      policyVersion: "1.0.0",
      storedIn: "your organisation's LMS (SCORM 1.2)",
    });
    expect(lms.cmi().core).toMatchObject({ lesson_status: "passed", score: { raw: "90", min: "0", max: "100" } });
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
    expect(tracker.ended).toBe("closed");
  });

  it("exits suspended when the learner leaves before the end, and reports a failed course without its score", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await begin(tracker);
    tracker.reportResult(result(false));
    tracker.finish();
    expect(lms.cmi().core).toMatchObject({ lesson_status: "failed", exit: "suspend", score: { raw: "" } });
  });

  it("names what the LMS refused, keeps the CMI detail apart, and keeps going", async () => {
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
    let news = 0;
    const tracker = new ScormTracker(scorm12Dialect(refusing));
    tracker.watch(() => news++);
    await begin(tracker);
    tracker.saveProgress("1~x", 0.1);
    expect(news).toBeGreaterThan(0);
    expect(tracker.problems).toContainEqual({
      code: "LMS_VALUE_REFUSED",
      detail: 'LMSSetValue("cmi.suspend_data", "1~x") → false, LMS error 405 (Incorrect Data Type)',
    });
    const refusal = tracker.recordAcknowledgement(request);
    await expect(refusal).rejects.toThrow("Your LMS did not save it (code LMS_VALUE_REFUSED).");
    await expect(refusal).rejects.not.toThrow(/cmi\.|405/);
  });

  it("takes false with LMS error 0 as success, as the LMS says nothing went wrong", async () => {
    const lms = lms12();
    const quirky: Scorm12Api = {
      LMSSetValue: (e: string, v: string) => (lms.api.LMSSetValue(e, v), "false"),
      LMSGetLastError: () => "0",
      LMSGetErrorString: () => "No error",
      LMSGetValue: (e: string) => lms.api.LMSGetValue(e),
      LMSInitialize: () => (lms.api.LMSInitialize(""), "false"),
      LMSCommit: () => "false",
      LMSFinish: () => "false",
    };
    const tracker = new ScormTracker(scorm12Dialect(quirky));
    await begin(tracker);
    tracker.saveProgress("1~x", 0.1);
    tracker.reportResult(result(true));
    await tracker.recordAcknowledgement(request);
    tracker.leave();
    expect(tracker.problems).toEqual([]);
    expect(tracker.ended).toBe("finished");
  });

  it("refuses progress longer than SCORM 1.2 keeps instead of letting the LMS cut it", async () => {
    const lms = lms12();
    const tracker = new ScormTracker(scorm12Dialect(lms.api));
    await begin(tracker);
    tracker.saveProgress("x".repeat(4097), 0.5);
    expect(tracker.problems.map((p) => p.code)).toEqual(["PROGRESS_TOO_LONG"]);
    expect(lms.cmi().suspend_data).toBe("");
  });
});

describe("SCORM 2004 tracker against scorm-again", () => {
  it("reports plays with [\\w.] responses, descriptions naming the clauses, timestamps and 2004's result words", async () => {
    const lms = lms2004({ suspend_data: "1~saved" });
    const tracker = new ScormTracker(scorm2004Dialect(lms.api));
    expect(await tracker.start()).toMatchObject({
      progress: "1~saved",
      learner: { id: "E-1815", name: "Ada Lovelace" },
    });
    await tracker.ready;
    tracker.reportScenario(
      play([
        [1, "incorrect"],
        [0, "correct"],
      ]),
    );
    const interactions = lms.cmi().interactions as Record<string, Record<string, unknown>>;
    expect(interactions["0"]).toMatchObject({
      id: "client_email_summary.a1",
      type: "sequencing",
      learner_response: "b[,]a",
      result: "neutral",
      timestamp: "2026-11-22T09:00:12",
      description: "Can I paste this client email into Claude? (3.4 incorrect, 3.2 correct)",
    });
    expect(lms.cmi()).toMatchObject({ completion_status: "incomplete", exit: "suspend" });
    expect(tracker.problems).toEqual([]);
  });

  it("sets progress as the learner goes, no score or success before the acknowledgement, and completion with it", async () => {
    const lms = lms2004();
    const time = clock();
    const tracker = new ScormTracker(scorm2004Dialect(lms.api), time.now);
    await begin(tracker);
    tracker.saveProgress("1~a", 0.456);
    expect(lms.cmi()).toMatchObject({ progress_measure: "0.46" });
    tracker.saveProgress("1~b", 0.999);
    expect(lms.cmi()).toMatchObject({ progress_measure: "0.99" }); // not 1 before the acknowledgement
    tracker.reportResult(result(true));
    expect(lms.cmi()).toMatchObject({ success_status: "unknown", completion_status: "incomplete" });
    expect(lms.cmi().score).toMatchObject({ scaled: "", raw: "" });
    await tracker.recordAcknowledgement(request);
    expect(lms.cmi()).toMatchObject({
      completion_status: "completed",
      success_status: "passed",
      progress_measure: "1",
      score: { scaled: "0.9", raw: "90", min: "0", max: "100" },
    });
    expect(JSON.stringify(lms.cmi().comments_from_learner)).toContain('signed \\"Ada Lovelace\\"');
    time.advance(3_725_500);
    tracker.leave();
    tracker.finish();
    expect(lms.finishes()).toBe(1);
    expect(lms.cmi()).toMatchObject({ exit: "normal", session_time: "PT1H2M5.5S" });
    expect(tracker.ended).toBe("finished");
    expect(tracker.problems).toEqual([]);
  });

  it("reports a failed course and exits suspended when unfinished", async () => {
    const lms = lms2004();
    const tracker = new ScormTracker(scorm2004Dialect(lms.api));
    await begin(tracker);
    tracker.reportResult(result(false));
    tracker.finish();
    expect(lms.cmi()).toMatchObject({ success_status: "failed", completion_status: "incomplete", exit: "suspend" });
  });

  it("saves and exits on purpose before the end: suspended, asking the LMS to suspend the attempt", async () => {
    const lms = lms2004();
    const tracker = new ScormTracker(scorm2004Dialect(lms.api));
    await begin(tracker);
    tracker.saveProgress("1~halfway", 0.5);
    tracker.leave();
    expect(lms.finishes()).toBe(1);
    expect(lms.cmi()).toMatchObject({ exit: "suspend", suspend_data: "1~halfway" });
    expect(tracker.ended).toBe("saved");
    tracker.saveProgress("1~after", 0.6); // nothing reaches an LMS whose session has ended
    expect(tracker.problems).toEqual([]);
  });
});

describe("tracker against the strict LMS", () => {
  it("1.2: leaving on the result screen is not turned into passed by the manifest's mastery score", async () => {
    const lms = strict12();
    const tracker = new ScormTracker(scorm12Dialect(lms.launch12()));
    await begin(tracker);
    tracker.reportScenario(play([[0, "correct"]]));
    tracker.reportResult(result(true));
    tracker.finish();
    expect(lms.stored).toMatchObject({ "cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend" });
    expect(lms.stored["cmi.core.score.raw"]).toBeUndefined();
    expect(tracker.problems).toEqual([]);
  });

  it("1.2: a finished attempt relaunched stays finished, exits empty again and gives the receipt back", async () => {
    const lms = strict12();
    const first = new ScormTracker(scorm12Dialect(lms.launch12()), clock().now);
    await begin(first);
    first.reportResult(result(true));
    await first.recordAcknowledgement(request);
    first.leave();
    expect(lms.stored).toMatchObject({ "cmi.core.lesson_status": "passed", "cmi.core.exit": "" });

    const again = new ScormTracker(scorm12Dialect(lms.launch12()));
    expect((await again.start()).receipt).toEqual({
      name: "Ada Lovelace",
      policyVersion: "1.0.0",
      policyHash: "a".repeat(64),
      acknowledgedAt: "2026-11-22T09:00:00.000Z",
      score: 0.9,
      storedIn: "your organisation's LMS (SCORM 1.2)",
    });
    again.finish();
    expect(lms.stored).toMatchObject({
      "cmi.core.lesson_status": "passed",
      "cmi.core.exit": "",
      "cmi.core.score.raw": "90",
    });
    expect(again.problems).toEqual([]);
  });

  it("2004: leaving on the result screen stays incomplete and unknown, without a score, under the manifest's threshold", async () => {
    const lms = strict2004();
    const tracker = new ScormTracker(scorm2004Dialect(lms.launch2004()));
    await begin(tracker);
    tracker.reportScenario(
      play([
        [0, "correct"],
        [2, "correct"],
      ]),
    );
    tracker.saveProgress("1~result", 0.95);
    tracker.reportResult(result(true));
    tracker.finish();
    expect(lms.stored).toMatchObject({
      "cmi.completion_status": "incomplete",
      "cmi.success_status": "unknown",
      "cmi.exit": "suspend",
    });
    expect(lms.stored["cmi.score.scaled"]).toBeUndefined();
    expect(tracker.problems).toEqual([]);
  });

  it("ends with one post as the page goes (Terminate alone), and with commit then terminate when the learner leaves", async () => {
    for (const how of ["finish", "leave"] as const) {
      const lms = strict2004();
      const tracker = new ScormTracker(scorm2004Dialect(lms.launch2004()));
      await begin(tracker);
      tracker.reportScenario(play([[0, "correct"]]));
      const before = lms.posts.length;
      tracker[how]();
      expect(lms.posts.slice(before).map((p) => p.final)).toEqual(how === "finish" ? [true] : [false, true]);
      expect(lms.stored["adl.nav.request"]).toBe(how === "leave" ? "suspendAll" : undefined);
      expect(tracker.ended).toBe(how === "leave" ? "saved" : "closed");
    }
  });

  it.each([true, false])(
    "numbers interactions from what _count says after a resume (LMS hands them back: %s)",
    async (handsBackInteractions) => {
      const lms = strict2004({ handsBackInteractions });
      const first = new ScormTracker(scorm2004Dialect(lms.launch2004()));
      await begin(first);
      first.reportScenario(play([[0, "correct"]]));
      first.reportScenario(play([[1, "incorrect"]], 0, 2));
      first.finish();
      const second = new ScormTracker(scorm2004Dialect(lms.launch2004()));
      await begin(second);
      second.reportScenario(play([[0, "correct"]], 0, 3));
      expect(second.problems).toEqual([]);
    },
  );

  it("keeps the LMS's whole state within a beacon however often the learner retries", async () => {
    const lms = strict2004();
    const tracker = new ScormTracker(scorm2004Dialect(lms.launch2004()));
    await begin(tracker);
    tracker.saveProgress("x".repeat(4096), 0.5);
    const long = "W".repeat(120);
    for (let attempt = 1; attempt <= 8; attempt++)
      for (let s = 0; s < 20; s++)
        tracker.reportScenario({
          ...play(
            Array.from({ length: 11 }, () => [3, "incorrect"]),
            0,
            attempt,
            long,
          ),
          scenarioId: `scenario-with-a-long-identifier-${s}`,
        });
    await tracker.recordAcknowledgement({ ...request, typedName: "N".repeat(120) });
    tracker.finish();
    expect(tracker.problems).toEqual([]);
    expect(Math.max(...lms.posts.map((p) => p.bytes))).toBeLessThanOrEqual(KEEPALIVE_BUDGET);
    expect(lms.stored["cmi.completion_status"]).toBe("completed");
  });
});
