// A strict SCORM 1.2 LMS runtime for tests: every value is checked as the 1.2 run-time environment
// specifies (vocabularies, CMITimespan, CMITime, identifiers, lengths, scores from 0 to 100 and the
// score pattern some LMSs use), refusals carry the 1.2 error codes, LMSFinish applies the manifest's
// mastery score as Moodle does, and every LMSCommit and LMSFinish posts the whole state.
import {
  centisToTimespan12,
  isDecimal12,
  isIdentifier12,
  isScore12,
  isStudentResponse12,
  isTime12,
  isTimespan12,
  timespan12Centis,
} from "./cmiFormats.ts";
import { CmiStore, type ModelRules, type StoreError } from "./cmiModel.ts";
import { fieldName, launchValues, POST_PARAMETERS, type LmsLaunch, type LmsTransport } from "./lmsSession.ts";

const oneOf =
  (...words: string[]) =>
  (value: string) =>
    words.includes(value);
const upTo = (max: number) => (value: string) => value.length <= max;
const integerIn = (min: number, max: number) => (value: string) =>
  /^-?\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
const RESULT = oneOf("correct", "wrong", "unanticipated", "neutral");

const RULES: ModelRules = {
  "cmi.core.student_id": { access: "r" },
  "cmi.core.student_name": { access: "r" },
  "cmi.core.lesson_location": { access: "rw", valid: upTo(255), initial: "" },
  "cmi.core.credit": { access: "r" },
  // A SCO may not set "not attempted": only the LMS starts there.
  "cmi.core.lesson_status": { access: "rw", valid: oneOf("passed", "completed", "failed", "incomplete", "browsed") },
  "cmi.core.entry": { access: "r" },
  "cmi.core.score.raw": { access: "rw", valid: isScore12, initial: "" },
  "cmi.core.score.min": { access: "rw", valid: isScore12, initial: "" },
  "cmi.core.score.max": { access: "rw", valid: isScore12, initial: "" },
  "cmi.core.total_time": { access: "r" },
  "cmi.core.lesson_mode": { access: "r" },
  "cmi.core.exit": { access: "w", valid: oneOf("time-out", "suspend", "logout", "") },
  "cmi.core.session_time": { access: "w", valid: isTimespan12 },
  "cmi.suspend_data": { access: "rw", valid: upTo(4096), initial: "" },
  "cmi.launch_data": { access: "r", initial: "" },
  "cmi.comments": { access: "rw", valid: upTo(4096), initial: "" },
  "cmi.comments_from_lms": { access: "r", initial: "" },
  "cmi.objectives.n.id": { access: "rw", valid: isIdentifier12 },
  "cmi.objectives.n.score.raw": { access: "rw", valid: isScore12 },
  "cmi.objectives.n.score.min": { access: "rw", valid: isScore12 },
  "cmi.objectives.n.score.max": { access: "rw", valid: isScore12 },
  "cmi.objectives.n.status": {
    access: "rw",
    valid: oneOf("passed", "completed", "failed", "incomplete", "browsed", "not attempted"),
  },
  "cmi.student_data.mastery_score": { access: "r" },
  "cmi.student_data.max_time_allowed": { access: "r", initial: "" },
  "cmi.student_data.time_limit_action": { access: "r", initial: "" },
  "cmi.student_preference.audio": { access: "rw", valid: integerIn(-1, 100), initial: "0" },
  "cmi.student_preference.language": { access: "rw", valid: upTo(255), initial: "" },
  "cmi.student_preference.speed": { access: "rw", valid: integerIn(-100, 100), initial: "0" },
  "cmi.student_preference.text": { access: "rw", valid: integerIn(-1, 1), initial: "0" },
  // Interactions are write-only in 1.2: the SCO journals them, the LMS keeps them.
  "cmi.interactions.n.id": { access: "w", valid: isIdentifier12 },
  "cmi.interactions.n.objectives.n.id": { access: "w", valid: isIdentifier12 },
  "cmi.interactions.n.time": { access: "w", valid: isTime12 },
  "cmi.interactions.n.type": {
    access: "w",
    valid: oneOf("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"),
  },
  "cmi.interactions.n.correct_responses.n.pattern": { access: "w", valid: upTo(255) },
  "cmi.interactions.n.weighting": { access: "w", valid: isDecimal12 },
  "cmi.interactions.n.student_response": {
    access: "w",
    valid: (value, interaction) => isStudentResponse12(interaction.type, value),
  },
  "cmi.interactions.n.result": { access: "w", valid: (value) => RESULT(value) || isDecimal12(value) },
  "cmi.interactions.n.latency": { access: "w", valid: isTimespan12 },
};

const CHILDREN: Record<string, string> = {
  _version: "3.4",
  cmi: "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
  "cmi.core":
    "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
  "cmi.core.score": "raw,min,max",
  "cmi.objectives": "id,score,status",
  "cmi.objectives.n.score": "raw,min,max",
  "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
  "cmi.student_preference": "audio,language,speed,text",
  "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
};

// SCORM 1.2 RTE error codes for what the store reports.
const ERROR_CODES: Record<StoreError, string> = {
  undefined: "201",
  "read-only": "403",
  "write-only": "404",
  keyword: "402",
  "type-mismatch": "405",
  "out-of-range": "405",
  "out-of-order": "201",
  dependency: "201",
  "not-initialized": "0",
  "no-such-entry": "201",
};

const ERROR_STRINGS: Record<string, string> = {
  "0": "No error",
  "101": "General exception",
  "201": "Invalid argument error",
  "202": "Element cannot have children",
  "203": "Element not an array - cannot have count",
  "301": "Not initialized",
  "401": "Not implemented error",
  "402": "Invalid set value, element is a keyword",
  "403": "Element is read only",
  "404": "Element is write only",
  "405": "Incorrect data type",
};

export class StrictScorm12Runtime {
  readonly store = new CmiStore(
    RULES,
    [{ name: "cmi.objectives" }, { name: "cmi.interactions" }, { name: "cmi.interactions.n.objectives" }],
    CHILDREN,
  );
  private state: "new" | "running" | "finished" = "new";
  private error = "0";
  private readonly launch: LmsLaunch;
  private readonly transport: LmsTransport;

  constructor(launch: LmsLaunch, transport: LmsTransport) {
    this.launch = launch;
    this.transport = transport;
    const stored = launchValues(launch);
    const status = stored["cmi.core.lesson_status"];
    this.store.load(stored);
    this.store.load({
      "cmi.core.student_id": launch.learner.id,
      "cmi.core.student_name": launch.learner.name,
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.lesson_status": status || "not attempted",
      "cmi.core.total_time": stored["cmi.core.total_time"] || "0000:00:00.00",
      "cmi.student_data.mastery_score": launch.masteryScore ?? "",
      // Moodle's rule: resume only after an exit with "suspend".
      "cmi.core.entry": !status ? "ab-initio" : stored["cmi.core.exit"] === "suspend" ? "resume" : "",
    });
    // Exit and session time belong to the session that set them.
    this.store.values.delete("cmi.core.exit");
    this.store.values.delete("cmi.core.session_time");
  }

  LMSInitialize(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state !== "new") return this.fail("101"); // once per launch, and never after LMSFinish
    this.state = "running";
    return this.ok("true");
  }

  LMSFinish(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state !== "running") return this.fail("301");
    this.state = "finished";
    this.applyMastery();
    const total = timespan12Centis(this.value("cmi.core.total_time") || "00:00:00");
    const session = timespan12Centis(this.store.values.get("cmi.core.session_time") ?? "00:00:00");
    this.store.values.set("cmi.core.total_time", centisToTimespan12(total + session));
    return this.post(true) ? this.ok("true") : this.fail("101");
  }

  LMSGetValue(element: string): string {
    if (this.state !== "running") return this.fail("301", "");
    if (element === "") return this.fail("201", "");
    const { value, error } = this.store.get(element);
    if (error === "keyword") return this.fail(element.endsWith("_count") ? "203" : "202", "");
    if (error) return this.fail(ERROR_CODES[error], "");
    return this.ok(value);
  }

  LMSSetValue(element: string, value: string): string {
    if (this.state !== "running") return this.fail("301");
    // Comments add up, as Moodle keeps them: the whole must stay within 4,096 characters.
    const error = this.store.set(element, element === "cmi.comments" ? this.value(element) + value : String(value));
    if (error) return this.fail(ERROR_CODES[error]);
    return this.ok("true");
  }

  LMSCommit(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state !== "running") return this.fail("301");
    return this.post(false) ? this.ok("true") : this.fail("101");
  }

  LMSGetLastError(): string {
    return this.error;
  }

  LMSGetErrorString(code: string): string {
    return ERROR_STRINGS[code] ?? "";
  }

  LMSGetDiagnostic(code: string): string {
    return ERROR_STRINGS[code || this.error] ?? "";
  }

  /** The value of an element as the LMS holds it, whatever a SCO may read. */
  value(element: string): string {
    return this.store.values.get(element) ?? "";
  }

  /**
   * At LMSFinish, like Moodle: an attempt never marked is "completed", and with a mastery score in
   * the manifest and a raw score set, the score decides: passed at or above it, failed below.
   */
  private applyMastery(): void {
    if (this.value("cmi.core.lesson_status") === "not attempted")
      this.store.values.set("cmi.core.lesson_status", "completed");
    const mastery = this.launch.masteryScore ?? "";
    const raw = this.value("cmi.core.score.raw");
    if (mastery !== "" && raw !== "")
      this.store.values.set("cmi.core.lesson_status", Number(raw) >= Number(mastery) ? "passed" : "failed");
  }

  private post(final: boolean): boolean {
    const values = this.store.writable();
    if (final) values.push(["cmi.core.total_time", this.value("cmi.core.total_time")]);
    const fields = values.map(([element, value]): [string, string] => [fieldName(element), value]);
    return this.transport.post([...POST_PARAMETERS, ...fields], final);
  }

  private ok(result: string): string {
    this.error = "0";
    return result;
  }

  private fail(code: string, result = "false"): string {
    this.error = code;
    return result;
  }
}
