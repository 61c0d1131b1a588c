// The strict LMS the package tests run against must refuse what strict LMSs refuse, with their
// error codes, and accept what they accept: these tests hold it to that.
import { describe, expect, it } from "vitest";
import { MemoryLms } from "../support/strictLms/memoryLms.ts";
import { KEEPALIVE_BUDGET, multipartBytes } from "../support/strictLms/postSize.ts";

function started12(lms = new MemoryLms({ masteryScore: "80" })) {
  const api = lms.launch12();
  expect(api.LMSInitialize("")).toBe("true");
  const set = (element: string, value: string) => [api.LMSSetValue(element, value), api.LMSGetLastError()];
  return { lms, api, set };
}

function started2004(lms = new MemoryLms({ scaledPassingScore: "0.8", completionThreshold: "1.0" })) {
  const api = lms.launch2004();
  expect(api.Initialize("")).toBe("true");
  const set = (element: string, value: string) => [api.SetValue(element, value), api.GetLastError()];
  return { lms, api, set };
}

describe("strict SCORM 1.2 runtime", () => {
  it("checks vocabularies, CMITimespan, lengths and scores, refusing with 1.2's error codes", () => {
    const { set } = started12();
    expect(set("cmi.core.lesson_status", "incomplete")).toEqual(["true", "0"]);
    expect(set("cmi.core.lesson_status", "not attempted")).toEqual(["false", "405"]);
    expect(set("cmi.core.exit", "normal")).toEqual(["false", "405"]); // 1.2 has no "normal"
    expect(set("cmi.core.exit", "")).toEqual(["true", "0"]);
    expect(set("cmi.core.session_time", "PT1M")).toEqual(["false", "405"]);
    expect(set("cmi.core.session_time", "0001:02:05.50")).toEqual(["true", "0"]);
    expect(set("cmi.core.session_time", "00:00:05.505")).toEqual(["false", "405"]);
    expect(set("cmi.suspend_data", "x".repeat(4096))).toEqual(["true", "0"]);
    expect(set("cmi.suspend_data", "x".repeat(4097))).toEqual(["false", "405"]);
    expect(set("cmi.core.lesson_location", "x".repeat(256))).toEqual(["false", "405"]);
    expect(set("cmi.core.score.raw", "100.0")).toEqual(["true", "0"]);
    expect(set("cmi.core.score.raw", "101")).toEqual(["false", "405"]);
    expect(set("cmi.core.score.raw", "-1")).toEqual(["false", "405"]);
    expect(set("cmi.core.score.raw", "1e2")).toEqual(["false", "405"]);
    expect(set("cmi.core.student_id", "E-1")).toEqual(["false", "403"]);
    expect(set("cmi.core._children", "x")).toEqual(["false", "402"]);
    expect(set("cmi.core.unknown", "x")).toEqual(["false", "201"]);
  });

  it("checks interactions: in order, write-only, responses by type", () => {
    const { api, set } = started12();
    expect(set("cmi.interactions.1.id", "late")).toEqual(["false", "201"]); // out of order
    expect(set("cmi.interactions.0.id", "client_email_summary.a1")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.type", "sequencing")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.student_response", "b,a")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.student_response", "choice-2")).toEqual(["false", "405"]);
    expect(set("cmi.interactions.0.result", "incorrect")).toEqual(["false", "405"]); // 1.2 says "wrong"
    expect(set("cmi.interactions.0.result", "wrong")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.time", "09:00:12")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.time", "2026-11-22T09:00:12")).toEqual(["false", "405"]);
    expect(api.LMSGetValue("cmi.interactions._count")).toBe("1");
    expect(api.LMSGetValue("cmi.interactions.0.id")).toBe("");
    expect(api.LMSGetLastError()).toBe("404"); // write-only
  });

  it("applies the manifest's mastery score at LMSFinish, posts the whole state each time and closes for good", () => {
    const { lms, api, set } = started12();
    set("cmi.core.lesson_status", "incomplete");
    set("cmi.core.score.raw", "90");
    expect(api.LMSCommit("")).toBe("true");
    expect(api.LMSFinish("")).toBe("true");
    expect(lms.stored["cmi.core.lesson_status"]).toBe("passed");
    expect(lms.posts.map((p) => p.final)).toEqual([false, true]);
    expect(lms.posts[1]?.fields).toContainEqual(["cmi__core__score__raw", "90"]); // the whole state again
    expect(api.LMSGetValue("cmi.core.lesson_status")).toBe("");
    expect(api.LMSGetLastError()).toBe("301");
    expect(api.LMSInitialize("")).toBe("false");
  });

  it("resumes only after suspend, and a server out of reach makes LMSCommit fail with 101", () => {
    const lms = new MemoryLms();
    const first = started12(lms);
    first.set("cmi.core.exit", "suspend");
    first.set("cmi.suspend_data", "1~saved");
    first.api.LMSFinish("");
    const second = started12(lms);
    expect(second.api.LMSGetValue("cmi.core.entry")).toBe("resume");
    expect(second.api.LMSGetValue("cmi.suspend_data")).toBe("1~saved");
    lms.unreachable = true;
    expect(second.api.LMSCommit("")).toBe("false");
    expect(second.api.LMSGetLastError()).toBe("101");
  });

  it("can hand no interactions back, so that _count restarts at 0 and writing past it is refused", () => {
    const lms = new MemoryLms({ handsBackInteractions: false });
    const first = started12(lms);
    first.set("cmi.interactions.0.id", "a");
    first.api.LMSFinish("");
    const { api, set } = started12(lms);
    expect(api.LMSGetValue("cmi.interactions._count")).toBe("0");
    expect(set("cmi.interactions.1.id", "b")).toEqual(["false", "201"]);
  });
});

describe("strict SCORM 2004 runtime", () => {
  it("takes choice and sequencing responses as [\\w.] identifiers only, with 2004's [,] delimiter", () => {
    const { set } = started2004();
    expect(set("cmi.interactions.0.learner_response", "a")).toEqual(["false", "408"]); // before the id
    set("cmi.interactions.0.id", "client_email_summary.a1");
    expect(set("cmi.interactions.0.learner_response", "a")).toEqual(["false", "408"]); // before the type
    set("cmi.interactions.0.type", "choice");
    expect(set("cmi.interactions.0.learner_response", "choice-3")).toEqual(["false", "406"]);
    expect(set("cmi.interactions.0.learner_response", "c")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.learner_response", "a[,]a")).toEqual(["false", "406"]); // a choice is a set
    set("cmi.interactions.0.type", "sequencing");
    expect(set("cmi.interactions.0.learner_response", "b[,]a[,]a")).toEqual(["true", "0"]);
    expect(set("cmi.interactions.0.learner_response", "b,a")).toEqual(["false", "406"]);
    expect(set("cmi.interactions.0.result", "wrong")).toEqual(["false", "406"]); // 2004 says "incorrect"
    expect(set("cmi.interactions.2.id", "late")).toEqual(["false", "351"]); // out of order
  });

  it("checks ISO durations and timestamps, real numbers, ranges and lengths with 2004's codes", () => {
    const { set } = started2004();
    expect(set("cmi.session_time", "0000:00:05.00")).toEqual(["false", "406"]);
    expect(set("cmi.session_time", "PT")).toEqual(["false", "406"]);
    expect(set("cmi.session_time", "PT1H2M5.5S")).toEqual(["true", "0"]);
    expect(set("cmi.exit", "normal")).toEqual(["true", "0"]);
    expect(set("cmi.progress_measure", "1.5")).toEqual(["false", "407"]);
    expect(set("cmi.progress_measure", "0.45")).toEqual(["true", "0"]);
    expect(set("cmi.score.scaled", "0.9")).toEqual(["true", "0"]);
    expect(set("cmi.score.raw", "100.5")).toEqual(["false", "406"]); // the LMS score pattern
    expect(set("cmi.location", "x".repeat(1001))).toEqual(["false", "406"]);
    expect(set("cmi.completion_threshold", "0.5")).toEqual(["false", "404"]);
    expect(set("cmi.comments_from_learner.0.timestamp", "2026-11-22T09:00:00")).toEqual(["true", "0"]);
    expect(set("cmi.comments_from_learner.0.timestamp", "22/11/2026")).toEqual(["false", "406"]);
    expect(set("adl.nav.request", "exitAll")).toEqual(["true", "0"]);
    expect(set("adl.nav.request", "leave")).toEqual(["false", "406"]);
  });

  it("derives completion from the threshold and progress_measure, and success from the passing score", () => {
    const { lms, api, set } = started2004();
    set("cmi.completion_status", "completed");
    set("cmi.progress_measure", "0.9");
    expect(api.GetValue("cmi.completion_status")).toBe("incomplete"); // the measure decides, not the SCO
    set("cmi.success_status", "passed");
    expect(api.GetValue("cmi.success_status")).toBe("unknown"); // no score.scaled yet
    set("cmi.score.scaled", "0.85");
    expect(api.GetValue("cmi.success_status")).toBe("passed");
    api.Terminate("");
    expect(lms.stored).toMatchObject({ "cmi.completion_status": "incomplete", "cmi.success_status": "passed" });
  });

  it("without a completion threshold in the manifest, counts progress_measure 1 as completed", () => {
    const { api, set } = started2004(new MemoryLms());
    set("cmi.completion_status", "incomplete");
    expect(api.GetValue("cmi.completion_status")).toBe("incomplete");
    set("cmi.progress_measure", "1");
    expect(api.GetValue("cmi.completion_status")).toBe("completed");
  });

  it("refuses calls after Terminate, and a Terminate whose post fails leaves the session open", () => {
    const { lms, api } = started2004();
    lms.unreachable = true;
    expect(api.Commit("")).toBe("false");
    expect(api.GetLastError()).toBe("391");
    expect(api.Terminate("")).toBe("false");
    expect(api.GetLastError()).toBe("111");
    lms.unreachable = false;
    expect(api.Terminate("")).toBe("true");
    expect(api.Terminate("")).toBe("false");
    expect(api.GetLastError()).toBe("113");
    expect(api.SetValue("cmi.location", "x")).toBe("false");
    expect(api.GetLastError()).toBe("133");
  });

  it("reads a value never set as not initialized (403), and resumes after suspend", () => {
    const lms = new MemoryLms();
    const first = started2004(lms);
    expect(first.api.GetValue("cmi.suspend_data")).toBe("");
    expect(first.api.GetLastError()).toBe("403");
    expect(first.api.GetValue("cmi.entry")).toBe("ab-initio");
    first.set("cmi.exit", "suspend");
    first.api.Terminate("");
    expect(started2004(lms).api.GetValue("cmi.entry")).toBe("resume");
  });
});

describe("post sizes", () => {
  it("count a beacon's multipart body as Chromium writes it", () => {
    // 38-character boundary: "--" + boundary + CRLF, the header with the name, a blank line, the value, CRLF.
    const one = 2 + 38 + 2 + 'Content-Disposition: form-data; name="a"'.length + 4 + 1 + 2;
    expect(multipartBytes([["a", "b"]])).toBe(one + 2 + 38 + 4);
    expect(KEEPALIVE_BUDGET).toBe(65_536);
  });
});
