// A strict SCORM 2004 4th Edition LMS runtime for tests: every value is checked as the run-time
// environment specifies (vocabularies, ISO 8601 durations and timestamps, real(10,7), identifiers,
// lengths), choice and sequencing responses as Moodle checks them ([\w.] only), scores from 0 to 100
// with the score pattern some LMSs use. Refusals carry the 2004 error codes. Completion follows the
// manifest's completion threshold and progress_measure, success its passing score and score.scaled
// (RTE 4.2.4.1 and 4.2.22.1), and every Commit and Terminate posts the whole state, as Moodle does.
import {
  centisToTimeinterval,
  isLearnerResponse2004,
  isLocalizedString,
  isLongIdentifier,
  isReal,
  isScore2004,
  isTimeinterval,
  isTimestamp,
  timeintervalCentis,
} from "./cmiFormats.ts";
import { CmiStore, type ModelRules, type StoreError } from "./cmiModel.ts";
import { fieldName, launchValues, POST_PARAMETERS, type LmsLaunch, type LmsTransport } from "./lmsSession.ts";

const oneOf =
  (...words: string[]) =>
  (value: string) =>
    words.includes(value);
const upTo = (max: number) => (value: string) => value.length <= max;
const localized = (max: number) => (value: string) => isLocalizedString(value, max);
const realIn = (min: number, max: number) => (value: string) => Number(value) >= min && Number(value) <= max;
const COMPLETION = oneOf("completed", "incomplete", "not attempted", "unknown");
const SUCCESS = oneOf("passed", "failed", "unknown");
const RESULT = oneOf("correct", "incorrect", "unanticipated", "neutral");
const NAV_REQUEST = (value: string) =>
  oneOf("continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_")(value) ||
  /^\{target=\S{0,200}[A-Za-z0-9]\}(choice|jump)$/.test(value);

const RULES: ModelRules = {
  "cmi.comments_from_learner.n.comment": { access: "rw", valid: localized(4000) },
  "cmi.comments_from_learner.n.location": { access: "rw", valid: upTo(250) },
  "cmi.comments_from_learner.n.timestamp": { access: "rw", valid: isTimestamp },
  "cmi.comments_from_lms.n.comment": { access: "r" },
  "cmi.comments_from_lms.n.location": { access: "r" },
  "cmi.comments_from_lms.n.timestamp": { access: "r" },
  "cmi.completion_status": { access: "rw", valid: COMPLETION },
  "cmi.completion_threshold": { access: "r" },
  "cmi.credit": { access: "r" },
  "cmi.entry": { access: "r" },
  "cmi.exit": { access: "w", valid: oneOf("time-out", "suspend", "logout", "normal", "") },
  "cmi.interactions.n.id": { access: "rw", valid: isLongIdentifier },
  "cmi.interactions.n.type": {
    access: "rw",
    valid: oneOf(
      "true-false",
      "choice",
      "fill-in",
      "long-fill-in",
      "matching",
      "performance",
      "sequencing",
      "likert",
      "numeric",
      "other",
    ),
  },
  "cmi.interactions.n.objectives.n.id": { access: "rw", valid: isLongIdentifier },
  "cmi.interactions.n.timestamp": { access: "rw", valid: isTimestamp },
  "cmi.interactions.n.correct_responses.n.pattern": { access: "rw", valid: upTo(4000) },
  "cmi.interactions.n.weighting": { access: "rw", valid: isReal },
  "cmi.interactions.n.learner_response": {
    access: "rw",
    valid: (value, interaction) => isLearnerResponse2004(interaction.type ?? "", value),
  },
  "cmi.interactions.n.result": { access: "rw", valid: (value) => RESULT(value) || isReal(value) },
  "cmi.interactions.n.latency": { access: "rw", valid: isTimeinterval },
  "cmi.interactions.n.description": { access: "rw", valid: localized(250) },
  "cmi.launch_data": { access: "r", initial: "" },
  "cmi.learner_id": { access: "r" },
  "cmi.learner_name": { access: "r" },
  "cmi.learner_preference.audio_level": { access: "rw", valid: isReal, inRange: realIn(0, Infinity), initial: "1" },
  "cmi.learner_preference.language": { access: "rw", valid: upTo(250), initial: "" },
  "cmi.learner_preference.delivery_speed": { access: "rw", valid: isReal, inRange: realIn(0, Infinity), initial: "1" },
  "cmi.learner_preference.audio_captioning": { access: "rw", valid: oneOf("-1", "0", "1"), initial: "0" },
  "cmi.location": { access: "rw", valid: upTo(1000) },
  "cmi.max_time_allowed": { access: "r" },
  "cmi.mode": { access: "r" },
  "cmi.objectives.n.id": { access: "rw", valid: isLongIdentifier },
  "cmi.objectives.n.score.scaled": { access: "rw", valid: isReal, inRange: realIn(-1, 1) },
  "cmi.objectives.n.score.raw": { access: "rw", valid: isScore2004 },
  "cmi.objectives.n.score.min": { access: "rw", valid: isScore2004 },
  "cmi.objectives.n.score.max": { access: "rw", valid: isScore2004 },
  "cmi.objectives.n.success_status": { access: "rw", valid: SUCCESS, initial: "unknown" },
  "cmi.objectives.n.completion_status": { access: "rw", valid: COMPLETION, initial: "unknown" },
  "cmi.objectives.n.progress_measure": { access: "rw", valid: isReal, inRange: realIn(0, 1) },
  "cmi.objectives.n.description": { access: "rw", valid: localized(250) },
  "cmi.progress_measure": { access: "rw", valid: isReal, inRange: realIn(0, 1) },
  "cmi.scaled_passing_score": { access: "r" },
  "cmi.score.scaled": { access: "rw", valid: isReal, inRange: realIn(-1, 1) },
  "cmi.score.raw": { access: "rw", valid: isScore2004 },
  "cmi.score.min": { access: "rw", valid: isScore2004 },
  "cmi.score.max": { access: "rw", valid: isScore2004 },
  "cmi.session_time": { access: "w", valid: isTimeinterval },
  "cmi.success_status": { access: "rw", valid: SUCCESS },
  "cmi.suspend_data": { access: "rw", valid: upTo(64000) },
  "cmi.time_limit_action": { access: "r", initial: "continue,no message" },
  "cmi.total_time": { access: "r" },
  "adl.nav.request": { access: "rw", valid: NAV_REQUEST, initial: "_none_" },
  "adl.nav.request_valid.continue": { access: "r", initial: "unknown" },
  "adl.nav.request_valid.previous": { access: "r", initial: "unknown" },
};

const CHILDREN: Record<string, string> = {
  _version: "1.0",
  "cmi.comments_from_learner": "comment,location,timestamp",
  "cmi.comments_from_lms": "comment,location,timestamp",
  "cmi.interactions":
    "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
  "cmi.interactions.n.objectives": "id",
  "cmi.interactions.n.correct_responses": "pattern",
  "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
  "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
  "cmi.objectives.n.score": "scaled,raw,min,max",
  "cmi.score": "scaled,raw,min,max",
};

// SCORM 2004 RTE error codes for what the store reports.
const ERROR_CODES: Record<StoreError, string> = {
  undefined: "401",
  "read-only": "404",
  "write-only": "405",
  keyword: "404",
  "type-mismatch": "406",
  "out-of-range": "407",
  "out-of-order": "351",
  dependency: "408",
  "not-initialized": "403",
  "no-such-entry": "301",
};

const ERROR_STRINGS: Record<string, string> = {
  "0": "No Error",
  "101": "General Exception",
  "103": "Already Initialized",
  "104": "Content Instance Terminated",
  "111": "General Termination Failure",
  "112": "Termination Before Initialization",
  "113": "Termination After Termination",
  "122": "Retrieve Data Before Initialization",
  "123": "Retrieve Data After Termination",
  "132": "Store Data Before Initialization",
  "133": "Store Data After Termination",
  "142": "Commit Before Initialization",
  "143": "Commit After Termination",
  "201": "General Argument Error",
  "301": "General Get Failure",
  "351": "General Set Failure",
  "391": "General Commit Failure",
  "401": "Undefined Data Model Element",
  "402": "Unimplemented Data Model Element",
  "403": "Data Model Element Value Not Initialized",
  "404": "Data Model Element Is Read Only",
  "405": "Data Model Element Is Write Only",
  "406": "Data Model Element Type Mismatch",
  "407": "Data Model Element Value Out Of Range",
  "408": "Data Model Dependency Not Established",
};

export class StrictScorm2004Runtime {
  readonly store = new CmiStore(
    RULES,
    [
      { name: "cmi.comments_from_learner" },
      { name: "cmi.comments_from_lms" },
      { name: "cmi.interactions", key: "id", needs: { learner_response: "type" } },
      { name: "cmi.interactions.n.objectives", key: "id", unique: "id" },
      { name: "cmi.interactions.n.correct_responses" },
      { name: "cmi.objectives", key: "id", unique: "id" },
    ],
    CHILDREN,
  );
  private state: "new" | "running" | "terminated" = "new";
  private error = "0";
  private readonly launch: LmsLaunch;
  private readonly transport: LmsTransport;

  constructor(launch: LmsLaunch, transport: LmsTransport) {
    this.launch = launch;
    this.transport = transport;
    const stored = launchValues(launch);
    this.store.load(stored);
    const exit = stored["cmi.exit"];
    this.store.load({
      "cmi.learner_id": launch.learner.id,
      "cmi.learner_name": launch.learner.name,
      "cmi.credit": "credit",
      "cmi.mode": "normal",
      "cmi.completion_status": stored["cmi.completion_status"] || "unknown",
      "cmi.success_status": stored["cmi.success_status"] || "unknown",
      "cmi.total_time": stored["cmi.total_time"] || "PT0S",
      // Resume after suspend or logout; after a normal exit (or none) the next session starts from the top.
      "cmi.entry": exit === "suspend" || exit === "logout" ? "resume" : exit === "" ? "" : "ab-initio",
      ...(launch.completionThreshold ? { "cmi.completion_threshold": launch.completionThreshold } : {}),
      ...(launch.scaledPassingScore ? { "cmi.scaled_passing_score": launch.scaledPassingScore } : {}),
    });
    // Exit, session time and navigation requests belong to the session that set them.
    for (const element of ["cmi.exit", "cmi.session_time", "adl.nav.request"]) this.store.values.delete(element);
  }

  Initialize(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state === "running") return this.fail("103");
    if (this.state === "terminated") return this.fail("104");
    this.state = "running";
    return this.ok("true");
  }

  Terminate(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state === "new") return this.fail("112");
    if (this.state === "terminated") return this.fail("113");
    // What the LMS keeps is what it evaluates, as GetValue would answer (RTE 4.2.4.1, 4.2.22.1).
    this.store.values.set("cmi.completion_status", this.completion());
    this.store.values.set("cmi.success_status", this.success());
    const total = timeintervalCentis(this.value("cmi.total_time")) + timeintervalCentis(this.value("cmi.session_time"));
    this.store.values.set("cmi.total_time", centisToTimeinterval(total));
    if (!this.post(true)) return this.fail("111"); // the session stays open: the SCO may try again
    this.state = "terminated";
    return this.ok("true");
  }

  GetValue(element: string): string {
    if (this.state === "new") return this.fail("122", "");
    if (this.state === "terminated") return this.fail("123", "");
    if (element === "") return this.fail("301", "");
    if (element === "cmi.completion_status") return this.ok(this.completion());
    if (element === "cmi.success_status") return this.ok(this.success());
    const { value, error } = this.store.get(element);
    if (error === "keyword") return this.fail("301", "");
    if (error) return this.fail(ERROR_CODES[error], "");
    return this.ok(value);
  }

  SetValue(element: string, value: string): string {
    if (this.state === "new") return this.fail("132");
    if (this.state === "terminated") return this.fail("133");
    if (element === "") return this.fail("351");
    const error = this.store.set(element, String(value));
    if (error) return this.fail(ERROR_CODES[error]);
    return this.ok("true");
  }

  Commit(parameter: string): string {
    if (parameter !== "") return this.fail("201");
    if (this.state === "new") return this.fail("142");
    if (this.state === "terminated") return this.fail("143");
    return this.post(false) ? this.ok("true") : this.fail("391");
  }

  GetLastError(): string {
    return this.error;
  }

  GetErrorString(code: string): string {
    return ERROR_STRINGS[code] ?? "";
  }

  GetDiagnostic(code: string): string {
    return ERROR_STRINGS[code || this.error] ?? "";
  }

  /** The value of an element as the LMS holds it, whatever a SCO may read. */
  value(element: string): string {
    return this.store.values.get(element) ?? "";
  }

  /**
   * completion_status as the LMS reports it. With a completion threshold, progress_measure decides
   * (and without one set, "unknown"). Without a threshold in the manifest, a progress_measure of 1
   * counts as completed, as some LMSs assume a threshold of 1.0; otherwise the SCO's own value stands.
   */
  completion(): string {
    const threshold = this.launch.completionThreshold;
    const progress = this.store.values.get("cmi.progress_measure");
    const own = this.value("cmi.completion_status") || "unknown";
    if (threshold !== undefined)
      return progress === undefined ? "unknown" : Number(progress) >= Number(threshold) ? "completed" : "incomplete";
    return progress !== undefined && Number(progress) >= 1 ? "completed" : own;
  }

  /** success_status as the LMS reports it: with a passing score in the manifest, score.scaled decides ("unknown" without one). */
  success(): string {
    const passing = this.launch.scaledPassingScore;
    const scaled = this.store.values.get("cmi.score.scaled");
    if (passing === undefined) return this.value("cmi.success_status") || "unknown";
    return scaled === undefined ? "unknown" : Number(scaled) >= Number(passing) ? "passed" : "failed";
  }

  private post(final: boolean): boolean {
    const values = this.store
      .writable()
      .filter(([element, value]) => element !== "adl.nav.request" || value !== "_none_");
    if (final) values.push(["cmi.total_time", this.value("cmi.total_time")]);
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
