import { beforeAll, describe, expect, it } from "vitest";
import { resultProblems, type PublishedCourses } from "../../src/course/checkResult.ts";
import type { CourseDefinition } from "../../src/course/courseDefinition.ts";
import { acknowledgedResult } from "../../src/course/courseResult.ts";
import { buildCourseDefinition } from "../../src/course/courseDefinition.ts";
import { loadScenarios } from "../../src/scenarios/loadScenarios.ts";
import { releaseRules } from "../../src/hr/releaseRules.ts";
import { employeeStatus, statusRules } from "../../src/hr/status.ts";
import { loadPolicy } from "../../src/policy/loadPolicy.ts";
import { publish, type Published } from "../../src/published/published.ts";
import type { RecordSummary } from "../../src/records/recordsIndex.ts";
import { changedClauseIds, clauseChanges } from "../../src/releases/clauseChanges.ts";
import { readReleases } from "../../src/releases/releaseFiles.ts";
import { standingOf, updateScope, updateSources } from "../../src/releases/updateScope.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import type { Employee } from "../../src/schemas/employee.ts";
import type { Release } from "../../src/schemas/release.ts";
import { readPolicy, playScenario, startCourse } from "../support/courseFixture.ts";
import { statusRows } from "../../src/hr/report.ts";
import { planSends } from "../../src/reminders/planSends.ts";
import { indexOf, recordAt } from "../support/records.ts";
import { addMinorRelease, CHANGED_CLAUSES, contentWithUpdate, UPDATE_SCENARIOS } from "../support/updateRelease.ts";

let published: Published;
let releases: Release[];
let update: CourseDefinition;
let courses: PublishedCourses;

beforeAll(() => {
  // contentFixture removes the copy after the first test: what the tests need is read now.
  published = publish({ contentDir: contentWithUpdate(), scenariosDir: "scenarios" });
  releases = published.releases;
  const [first] = published.updates;
  if (!first) throw new Error("The content copy with two material releases publishes no update course.");
  update = first;
  courses = { ...published.courses, updates: published.updates };
}, 60_000);

const release = (version: string) => {
  const found = releases.find((r) => r.version === version);
  if (!found) throw new Error(`No release ${version}`);
  return found;
};

/**
 * Plays the update course through the real course machine, every answer correct: what the page sends
 * (mode update, no versions: the records say which update it is), with the versions the server adds.
 */
async function playUpdate(course: CourseDefinition) {
  const { actor } = await startCourse(course);
  actor.send({ type: "course.start", audiences: course.productAudiences });
  readPolicy(actor); // the changes view's Continue
  while (actor.getSnapshot().value === "scenarios") playScenario(actor, "correct");
  const { result } = actor.getSnapshot().context;
  if (!result) throw new Error("The update course ended without a result");
  const sent = AcknowledgementBodySchema.shape.result.parse(acknowledgedResult(result));
  expect(sent).not.toHaveProperty("from");
  const { from = "", to = "" } = course.update ?? {};
  return { ...sent, from, to };
}

describe("what an update re-teaches", () => {
  it("updates from the previous material release, with the two changed clauses and only the scenarios citing them", () => {
    expect(updateSources(releases, "1.1.0").map((r) => r.version)).toEqual(["1.0.0"]);
    const scope = updateScope(release("1.0.0"), release("1.1.0"), releases);
    expect(scope.changedClauses).toEqual(CHANGED_CLAUSES);
    expect(scope.scenarioIds).toEqual(UPDATE_SCENARIOS);
    expect(update.update).toMatchObject({ from: "1.0.0", to: "1.1.0", fromHash: release("1.0.0").hash });
    expect(update.scenarios.map((s) => s.id)).toEqual(UPDATE_SCENARIOS);
    expect(update.update?.changes.map((c) => [c.kind, c.id])).toEqual([
      ["reworded", "4.8"],
      ["reworded", "6.3"],
    ]);
    // The redline as the What-changed pages render it: ins and del, each announced by hidden words.
    expect(update.update?.changes[0]?.html).toContain(
      '<del><span class="visually-hidden">removed: </span>Extra</del><ins><span class="visually-hidden">added: </span>Strict</ins>',
    );
    expect(update.intro).toContain("from version 1.0.0, which you acknowledged, to 1.1.0");
  });

  it("replays a scenario whose own text changed, though it cites no changed clause", () => {
    const from = release("1.0.0");
    const to = release("1.1.0");
    const touched = to.scenarios.find((s) => s.id === "sharing-system-prompt");
    if (!touched) throw new Error("sharing-system-prompt is not in the release");
    const edited: Release = {
      ...to,
      scenarios: to.scenarios.map((s) => (s === touched ? { ...s, hash: "f".repeat(64) } : s)),
    };
    expect(updateScope(from, edited, [from, edited]).scenarioIds).toEqual(
      [...UPDATE_SCENARIOS, "sharing-system-prompt"].sort(),
    );
  });

  it("re-teaches only what the material release changed, not a minor release's rewording before it", () => {
    const content = contentWithUpdate({ minorFirst: true });
    const all = readReleases(content).releases;
    expect(all.map((r) => [r.version, r.change])).toEqual([
      ["1.0.0", "material"],
      ["1.0.1", "minor"],
      ["1.1.0", "material"],
    ]);
    // Compared directly, 1.0.0 and 1.1.0 differ in 3.4 as well, which many scenarios cite.
    const [first, , last] = all as [Release, Release, Release];
    expect(changedClauseIds(clauseChanges(first, last))).toEqual(["3.4", ...CHANGED_CLAUSES]);
    const updates = publish({ contentDir: content, scenariosDir: "scenarios" }).updates;
    expect(updates.map((u) => u.update?.from)).toEqual(["1.0.0", "1.0.1"]);
    for (const course of updates) {
      expect(course.update?.changes.map((c) => c.id)).toEqual(CHANGED_CLAUSES);
      expect(course.scenarios.map((s) => s.id)).toEqual(UPDATE_SCENARIOS);
    }
  });

  it("says where an acknowledgement leaves a learner: update, current, or the whole course", () => {
    expect(standingOf(releases, "1.1.0", release("1.0.0").hash)).toEqual({ kind: "update", from: "1.0.0" });
    expect(standingOf(releases, "1.1.0", release("1.1.0").hash)).toEqual({ kind: "current" });
    expect(standingOf(releases, "1.1.0", "e".repeat(64))).toEqual({ kind: "full" });
  });
});

describe("the server's check of an update result", () => {
  it("accepts a genuine play of the update course", async () => {
    const result = await playUpdate(update);
    expect(result).toMatchObject({ mode: "update", from: "1.0.0", to: "1.1.0", passed: true });
    expect(result.scenarios.map((s) => s.id)).toEqual(UPDATE_SCENARIOS);
    const policy = { version: "1.1.0", hash: published.policy.hash };
    expect(resultProblems({ policy, result }, courses)).toEqual([]);
  });

  it("refuses an update that leaves out a changed scenario, names another start, or claims another end", async () => {
    const genuine = await playUpdate(update);
    const policy = { version: "1.1.0", hash: published.policy.hash };
    const check = (result: typeof genuine) => resultProblems({ policy, result }, courses);
    const short = check({ ...genuine, scenarios: genuine.scenarios.slice(1), score: 1 });
    expect(short.map((p) => p.field)).toEqual(["result.scenarios"]);
    expect(short[0]?.message).toMatch(
      /^lacks ai-assisted-client-report: an update from 1.0.0 to 1.1.0 replays every scenario that cites a changed clause/,
    );
    expect(check({ ...genuine, from: "0.9" })).toEqual([
      {
        field: "result.from",
        message:
          'is "0.9", but the published update courses start from 1.0.0. A learner whose last acknowledgement is older takes the full course.',
      },
    ]);
    expect(check({ ...genuine, to: "2.0.0" }).map((p) => p.field)).toEqual(["result.to"]);
    // A scenario the update does not hold (the onboarding course's) is not the update's to play.
    const extra = check({
      ...genuine,
      scenarios: [...genuine.scenarios, { id: "not-sure-ask-first", score: 1, outcomes: [] }],
    });
    expect(extra[0]).toMatchObject({ field: `result.scenarios.${genuine.scenarios.length}.id` });
    // Versions belong to updates only.
    const onboarding = { ...genuine, mode: "onboarding" as const };
    expect(check(onboarding)[0]).toMatchObject({ field: "result.from" });
  });
});

describe("an update with nothing to quiz on", () => {
  it("is read and acknowledged: the changes view's Continue ends the empty plan, passed in full, and the server agrees", async () => {
    const policy = loadPolicy();
    const readOnly = buildCourseDefinition(policy, loadScenarios().scenarios, "update", {
      from: "0.9.0",
      fromHash: "a".repeat(64),
      to: policy.version,
      changes: [{ kind: "reworded", id: "8.2", title: "Ownership", html: "<p>…</p>" }],
      scenarioIds: [],
    });
    expect(readOnly.scenarios).toEqual([]);
    expect(readOnly.intro).not.toContain("situation");
    const { actor } = await startCourse(readOnly);
    actor.send({ type: "course.start", audiences: readOnly.productAudiences });
    // What ChangesStep's Continue sends when the update holds no scenario.
    for (const section of readOnly.policy.sections) actor.send({ type: "section.open", section: section.number });
    actor.send({ type: "policy.done" });
    actor.send({ type: "scenario.finish" });
    const { result } = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe("result");
    expect(result).toMatchObject({ mode: "update", passed: true, score: 1, scenarios: [] });
    const sent = {
      ...AcknowledgementBodySchema.shape.result.parse(acknowledgedResult(result as NonNullable<typeof result>)),
      from: "0.9.0",
      to: policy.version,
    };
    const published = { ...courses, updates: [readOnly] };
    expect(resultProblems({ policy: { version: policy.version, hash: policy.hash }, result: sent }, published)).toEqual(
      [],
    );
    // An onboarding result may not be empty, though an update's may.
    const emptyOnboarding = { ...sent, mode: "onboarding" as const, from: undefined, to: undefined };
    expect(
      resultProblems({ policy: { version: policy.version, hash: policy.hash }, result: emptyOnboarding }, published),
    ).toContainEqual({
      field: "result.scenarios",
      message: "must list the scenarios played",
    });
  });
});

describe("HR status across releases", () => {
  const employee: Employee = {
    id: "E-1",
    name: "Ada",
    email: "ada@kestrel.example",
    department: "Risk",
    startDate: "2025-01-06",
    manager: "",
  };
  const acknowledged = (r: Release, mode: RecordSummary["mode"] = "onboarding"): RecordSummary =>
    ({
      seq: 1,
      recordedAt: "2026-01-10T10:00:00.000Z",
      mode,
      policy: { version: r.version, hash: r.hash },
      attemptId: "a",
      missed: [],
    }) as unknown as RecordSummary;

  it("marks a learner on the previous material release update due within updateWindowDays, overdue after", () => {
    const policy = published.policy;
    const rules = releaseRules(releases, policy);
    const dueBy = rules?.updateDueBy;
    expect(policy.organisation.course.updateWindowDays).toBe(30);
    expect(dueBy).toBe(
      new Date(Date.parse(`${release("1.1.0").effectiveDate}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    );
    const on = (today: string) =>
      employeeStatus(employee, [acknowledged(release("1.0.0"))], statusRules(policy, today, rules));
    expect(on(dueBy as string)).toMatchObject({
      status: "update-due",
      reason: `acknowledged 1.0.0; the update course to 1.1.0 is due by ${dueBy}`,
      dueBy,
    });
    const after = new Date(Date.parse(`${dueBy}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(on(after)).toMatchObject({ status: "overdue", wasDueBy: dueBy });
    // Without the releases' rules the same learner is simply behind on the new version.
    expect(
      employeeStatus(employee, [acknowledged(release("1.0.0"))], statusRules(policy, dueBy as string)).status,
    ).not.toBe("update-due");
  });

  it("asks nothing of anyone for a minor release", () => {
    const content = contentWithUpdate();
    addMinorRelease(content);
    const policy = loadPolicy({ contentDir: content });
    const all = readReleases(content).releases;
    expect(all.map((r) => [r.version, r.change])).toEqual([
      ["1.0.0", "material"],
      ["1.1.0", "material"],
      ["1.1.1", "minor"],
    ]);
    const rules = releaseRules(all, policy);
    const today = "2026-01-20";
    const of110 = all.find((r) => r.version === "1.1.0") as Release;
    const status = employeeStatus(employee, [acknowledged(of110)], statusRules(policy, today, rules));
    expect(status.status).toBe("complete");
    expect(standingOf(all, "1.1.1", of110.hash)).toEqual({ kind: "current" });
    // A learner on 1.0.0 still owes only the update, now to 1.1.1.
    expect(updateSources(all, "1.1.1").map((r) => r.version)).toEqual(["1.0.0"]);
    expect(standingOf(all, "1.1.1", all[0]?.hash as string)).toEqual({ kind: "update", from: "1.0.0" });
    const withMinor = publish({ contentDir: content, scenariosDir: "scenarios" });
    const minorUpdate = withMinor.updates[0];
    expect(minorUpdate?.update).toMatchObject({ from: "1.0.0", to: "1.1.1" });
    expect(minorUpdate?.scenarios.map((s) => s.id)).toEqual(UPDATE_SCENARIOS);
    // Reminders stay keyed by 1.1.0, so those already sent for it are not sent again for 1.1.1.
    expect(withMinor.reminders.policy).toMatchObject({ version: "1.1.1", remindedVersion: "1.1.0" });
  });

  it("reminds a learner who owes the update as one who is due, before the update window closes", () => {
    const kit = published.reminders;
    const settings = kit.settings;
    if (!settings) throw new Error("The content copy has no reminders group");
    const dueBy = kit.policy.releases?.updateDueBy;
    expect(dueBy).toBe("2026-02-04");
    const of100 = release("1.0.0");
    const records = [
      recordAt(1, "2026-01-10T10:00:00.000Z", {
        learner: { id: "E-1", name: "Ada", email: "ada@kestrel.example", selfAsserted: true },
        policy: { version: of100.version, hash: of100.hash },
      }),
    ];
    const today = "2026-02-02"; // a Monday, two business days before the window closes
    const { rows } = statusRows([employee], indexOf(records).learners(), { ...kit.policy, today });
    expect(rows[0]).toMatchObject({ status: "update-due", dueBy });
    const sends = planSends(rows, {
      settings,
      durations: kit.durations,
      policyVersion: kit.policy.remindedVersion,
      today,
    });
    expect(sends.filter((send) => send.kind !== "digest")).toEqual([
      expect.objectContaining({ kind: "due", to: "ada@kestrel.example", key: `E-1|1.1.0|${dueBy}|due` }),
    ]);
    // The email links to the update itself, not to the whole course, with the update's own time.
    expect(sends[0]?.values).toMatchObject({
      "course.link": `${settings.siteUrl}/update-1.0.0`,
      "course.duration": update.duration[""],
    });
  });
});
