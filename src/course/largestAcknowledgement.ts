import { ACKNOWLEDGEMENT_FIELD_MAX, type AcknowledgementRequest } from "../schemas/acknowledgementBody.ts";
import { OUTCOMES, type CourseScenario } from "../schemas/scenario.ts";
import type { CourseDefinition } from "./courseDefinition.ts";

/** Three bytes in UTF-8 and one UTF-16 unit: the most bytes a character the schema accepts can take. */
const WIDE = "名";
/** 24 characters in JSON ("0.0000012345678901234567"): no number from 0 to 1 is written longer. */
const LONGEST_SCORE = 1.2345678901234567e-6;
const LONGEST_OUTCOME = OUTCOMES.reduce((a, b) => (b.length > a.length ? b : a));

/**
 * Room over the largest body for a client that writes its JSON less tightly: indented with two
 * spaces (`JSON.stringify(body, null, 2)`), the largest body is about 1.8 times as long. The limit is
 * then about 11 KiB for the shipped course, against 537 MB a client once sent in 43 s at 62 KB each.
 */
const MARGIN = 2;

/**
 * The largest acknowledgement a course can send, so that the server's body limit fits real records
 * and not padding. The schema alone would allow 150 scenarios of 20 outcomes (hundreds of KB); a
 * published course is far smaller. Each field is taken at its worst: text fields at the schema's
 * longest, in characters of 3 bytes in UTF-8 (CJK names, say); every scenario of the course played
 * along its longest path, every outcome the longest word with the longest clause that scenario
 * cites; the longest number JSON can write for a score between 0 and 1; the last attempt allowed.
 * The longest of each field is the schema's own (ACKNOWLEDGEMENT_FIELD_MAX). The body passes the schema.
 */
export function largestAcknowledgement(course: CourseDefinition): AcknowledgementRequest {
  const name = WIDE.repeat(ACKNOWLEDGEMENT_FIELD_MAX.name);
  const domain = "@example.com";
  return {
    attemptId: "a".repeat(ACKNOWLEDGEMENT_FIELD_MAX.attemptId),
    learner: {
      name,
      email: `${"a".repeat(ACKNOWLEDGEMENT_FIELD_MAX.email - domain.length)}${domain}`,
      employeeId: WIDE.repeat(ACKNOWLEDGEMENT_FIELD_MAX.employeeId),
    },
    typedName: name,
    policy: { version: course.policy.version, hash: course.policy.hash },
    result: {
      mode: course.mode,
      score: LONGEST_SCORE,
      passed: false,
      attempt: ACKNOWLEDGEMENT_FIELD_MAX.attempt,
      scenarios: sentScenarios(course),
    },
  };
}

/**
 * Every scenario of an onboarding course, each at its largest; a refresher sends only its quiz (the
 * server refuses any other size), so its largest body holds the quiz's size of the largest entries.
 */
function sentScenarios(course: CourseDefinition): AcknowledgementRequest["result"]["scenarios"] {
  const entries = course.scenarios.map((scenario) => {
    const clause = longestClause(scenario);
    return {
      id: scenario.id,
      score: LONGEST_SCORE,
      outcomes: Array.from({ length: longestPath(scenario) }, () => ({ clause, outcome: LONGEST_OUTCOME })),
    };
  });
  if (course.mode !== "refresher") return entries;
  const size = (entry: (typeof entries)[number]) => JSON.stringify(entry).length;
  return [...entries].sort((a, b) => size(b) - size(a)).slice(0, course.refresherSize);
}

/** The size in bytes of the largest body any of `courses` could send, written as the course writes it. */
export function largestAcknowledgementBytes(courses: readonly CourseDefinition[]): number {
  return Math.max(
    ...courses.map((course) => new TextEncoder().encode(JSON.stringify(largestAcknowledgement(course))).length),
  );
}

/** The body limit for acknowledgements: the largest body with its margin, in whole KiB. */
export function acknowledgementBodyLimit(courses: readonly CourseDefinition[]): number {
  return Math.ceil((largestAcknowledgementBytes(courses) * MARGIN) / 1024) * 1024;
}

/** The most choices a learner can make in one play: the longest path (the graph has no loops). */
export function longestPath(scenario: CourseScenario): number {
  const memo = new Map<string, number>();
  const from = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const node = scenario.nodes[id];
    const length = node?.type === "question" ? 1 + Math.max(...node.choices.map((choice) => from(choice.next))) : 0;
    memo.set(id, length);
    return length;
  };
  return from(scenario.start);
}

function longestClause(scenario: CourseScenario): string {
  let longest = "";
  for (const node of Object.values(scenario.nodes))
    if (node.type === "question")
      for (const { clause } of node.choices) if (clause.length > longest.length) longest = clause;
  return longest;
}
