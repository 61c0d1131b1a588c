// What both strict runtimes share: what the LMS launches a SCO with, how it posts, and the record
// of every call. No imports from outside this folder: the strict LMS page loads it in the browser.

/** One API call as the SCO made it, with what the LMS answered and its error code afterwards. */
export interface CallRecord {
  fn: string;
  args: string[];
  result: string;
  error: string;
}

/**
 * How the LMS sends what it holds to its server. Strict runtimes post the whole state at every
 * commit and at the end, as Moodle's SCORM 2004 runtime does. `post` answers whether the server
 * will get it: false when the request was refused (a beacon over the browser's budget, say).
 */
export interface LmsTransport {
  post(fields: [string, string][], final: boolean): boolean;
}

export interface LmsLaunch {
  learner: { id: string; name: string };
  /** What the LMS stored of earlier sessions of this attempt, element by element. */
  stored: Record<string, string>;
  /**
   * Whether the LMS hands stored interactions back at launch. Some never do: their
   * cmi.interactions._count is 0 at every launch, and writing past it is refused as out of order.
   */
  handsBackInteractions?: boolean;
  /** SCORM 1.2: the manifest's adlcp:masteryscore. */
  masteryScore?: string;
  /** SCORM 2004: the manifest's minNormalizedMeasure (with satisfiedByMeasure) as cmi.scaled_passing_score. */
  scaledPassingScore?: string;
  /** SCORM 2004: the manifest's adlcp:completionThreshold minProgressMeasure (with completedByMeasure). */
  completionThreshold?: string;
}

/** What the LMS posts besides the data model: which activity, attempt and session (as Moodle's datamodel.php takes them). */
export const POST_PARAMETERS: [string, string][] = [
  ["id", "42"],
  ["a", "7"],
  ["sesskey", "k3j2h1g0f9"],
  ["attempt", "1"],
  ["scoid", "12"],
];

/** A data model element as a form field name: "cmi.core.exit" → "cmi__core__exit" (Moodle's naming). */
export const fieldName = (element: string) => element.replace(/\./g, "__");
export const elementName = (field: string) => field.replace(/__/g, ".");

/** The stored values a launch starts from: without interactions when the LMS does not hand them back. */
export function launchValues(launch: LmsLaunch): Record<string, string> {
  if (launch.handsBackInteractions !== false) return launch.stored;
  return Object.fromEntries(
    Object.entries(launch.stored).filter(([element]) => !element.startsWith("cmi.interactions.")),
  );
}

/** The API's methods a SCO calls, by version, besides those that only read the last error. */
export const API_METHODS = {
  "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"],
  "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"],
} as const;

/** Wraps the API's methods so that every call is recorded with its result and the error code it left. */
export function recordCalls<T extends object>(
  api: T,
  methods: readonly string[],
  lastError: () => string,
  onCall: (call: CallRecord) => void,
): T {
  for (const name of methods) {
    const method = (api as Record<string, unknown>)[name];
    if (typeof method !== "function") continue;
    Object.defineProperty(api, name, {
      value: (...args: string[]) => {
        const result = String((method as (...a: string[]) => string).apply(api, args));
        onCall({ fn: name, args, result, error: lastError() });
        return result;
      },
    });
  }
  return api;
}

/**
 * What the LMS's server keeps after a post: every data model field merges into what it stored
 * (element by element, as Moodle keeps its tracks); the request's own parameters are not data.
 */
export function storePost(stored: Record<string, string>, fields: readonly (readonly [string, string])[]): void {
  for (const [name, value] of fields) {
    const element = elementName(name);
    if (element.startsWith("cmi.") || element.startsWith("adl.")) stored[element] = value;
  }
}
