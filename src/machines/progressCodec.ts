/**
 * The course's saved progress as a short ASCII string. SCORM 1.2 keeps at most 4,096 characters
 * of `cmi.suspend_data`, and some LMSs refuse (not truncate) anything longer, so progress stores
 * only what cannot be derived: choices as digits and scenarios as positions in the course's bank.
 * Everything else (scores, feedback, the current node) is replayed through the machines.
 */

export const PROGRESS_LIMIT = 4096;
const VERSION = "1";
const STEPS = ["intro", "policy", "scenarios", "result", "acknowledgement", "done"] as const;
export type CourseStep = (typeof STEPS)[number];

export interface CourseProgress {
  /** Identifies the course this progress belongs to (policy hash and scenario bank). */
  courseKey: string;
  step: CourseStep;
  /** Positions (in the course's section list) of the policy sections the learner opened. */
  opened: number[];
  attempt: number;
  attemptId: string;
  /** Positions (in the course's scenario bank) of this attempt's scenarios, in order. */
  plan: number[];
  /** Position in the plan of the scenario being played. */
  index: number;
  /** The choices of the latest finished play of each scenario, by bank position. */
  finished: Map<number, number[]>;
  /** The choices made so far in the scenario being played. */
  current: number[];
  /** Whether the feedback on the last of those choices is still on screen. */
  showingFeedback: boolean;
  /** What earlier attempts missed, by clause id (src/course/earlierMisses.ts). */
  earlierMisses: Record<string, number>;
}

export function encodeProgress(progress: CourseProgress): string {
  const fields = [
    VERSION,
    progress.courseKey,
    String(STEPS.indexOf(progress.step)),
    progress.opened.map((i) => i.toString(36)).join("."),
    progress.attempt.toString(36),
    progress.attemptId,
    progress.plan.map((i) => i.toString(36)).join("."),
    progress.index.toString(36),
    [...progress.finished].map(([i, choices]) => `${i.toString(36)}:${choices.join("")}`).join("."),
    progress.current.join(""),
    progress.showingFeedback ? "f" : "",
    // Clause ids hold letters, digits and dots only, never "*", "," or "~".
    Object.entries(progress.earlierMisses)
      .map(([clause, count]) => `${clause}*${count.toString(36)}`)
      .join(","),
  ];
  const encoded = fields.join("~");
  if (encoded.length > PROGRESS_LIMIT)
    throw new Error(
      `Saved progress would take ${encoded.length} characters, over the SCORM 1.2 limit of ${PROGRESS_LIMIT}.`,
    );
  return encoded;
}

/** Reads saved progress; anything malformed or from another course gives `undefined` (start afresh). */
export function decodeProgress(text: string, courseKey: string): CourseProgress | undefined {
  const fields = text.split("~");
  // Progress saved before earlier misses were kept has 11 fields: it resumes with none.
  if ((fields.length !== 11 && fields.length !== 12) || fields[0] !== VERSION || fields[1] !== courseKey)
    return undefined;
  const [, , step, opened, attempt, attemptId, plan, index, finished, current, feedback, misses = ""] = fields as [
    string,
    ...string[],
  ];
  const number = (value = "") => (/^[0-9a-z]+$/.test(value) ? parseInt(value, 36) : NaN);
  const list = (value = "") => (value ? value.split(".").map(number) : []);
  const digits = (value = "") => (/^[0-9]*$/.test(value) ? [...value].map(Number) : [NaN]);
  const finishedEntries = list(finished).length
    ? (finished ?? "").split(".").map((entry) => {
        const [i, choices] = entry.split(":");
        return [number(i), digits(choices)] as [number, number[]];
      })
    : [];
  const progress: CourseProgress = {
    courseKey,
    step: STEPS[Number(step)] ?? "intro",
    opened: list(opened),
    attempt: number(attempt),
    attemptId: attemptId ?? "",
    plan: list(plan),
    index: number(index),
    finished: new Map(finishedEntries),
    current: digits(current),
    showingFeedback: feedback === "f",
    earlierMisses: Object.fromEntries(
      misses
        .split(",")
        .filter(Boolean)
        .map((entry) => {
          const [clause = "", count] = entry.split("*");
          return [/^[A-Za-z0-9.]+$/.test(clause) ? clause : "", number(count)];
        }),
    ),
  };
  const numbers = [
    progress.attempt,
    progress.index,
    ...progress.opened,
    ...progress.plan,
    ...progress.current,
    ...finishedEntries.flat(2),
    ...Object.values(progress.earlierMisses),
  ];
  if ("" in progress.earlierMisses) return undefined;
  if (!STEPS.includes(STEPS[Number(step)] as CourseStep) || numbers.some((n) => !Number.isInteger(n))) return undefined;
  return progress;
}
