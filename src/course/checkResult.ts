import { countOf } from "../lib/plural.ts";
import type { AcknowledgementBody } from "../schemas/acknowledgementBody.ts";
import type { CourseScenario } from "../schemas/scenario.ts";
import type { CourseDefinition, ProductAudience } from "./courseDefinition.ts";
import { onboardingPlan } from "./firstAttempt.ts";
import { OUTCOME_CREDIT, scoreCourse, scoreOutcomes } from "./scoring.ts";

/** One field of an acknowledgement that the published course could not have produced. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The courses the server publishes, by mode (`published.courses`), and the update courses (`published.updates`). */
export type PublishedCourses = Record<"onboarding" | "refresher", CourseDefinition> & {
  updates?: readonly CourseDefinition[];
};

type Outcomes = AcknowledgementBody["result"]["scenarios"][number]["outcomes"];

/** Differences below this are float rounding in a client's sums, not a different score. */
const SCORE_TOLERANCE = 1e-9;

const CREDITS = Object.entries(OUTCOME_CREDIT)
  .map(([outcome, credit]) => `${outcome} ${credit}`)
  .join(", ");

/**
 * Checks an acknowledgement (already through its schema) against the course the server published,
 * so that a record holds only what a learner playing that course could have sent: the policy version
 * that goes with the hash; every scenario from the course, once; each scenario's outcomes those of
 * a path through its choices, from the start to an end; the scenarios the learner's plan holds; and
 * every score as the course's own scoring gives it. Returns every problem, each naming its field.
 *
 * What it cannot check: which product scenarios an onboarding learner should have had (they say
 * which products they use, so it checks that a product's scenarios come all or none), and which
 * refresher quiz a learner drew (it depends on their id, the quarter and their history as the page
 * saw them), so a refresher is checked for its size and for scenarios from the course alone.
 */
export function resultProblems(
  body: Pick<AcknowledgementBody, "policy" | "result">,
  courses: PublishedCourses,
): FieldProblem[] {
  const chosen = courseOf(body.result, courses);
  if ("problems" in chosen) return chosen.problems;
  const { course } = chosen;
  const problems = policyProblems(body.policy, course);
  const index = courseIndex(course);
  const seen = new Map<string, number>();
  body.result.scenarios.forEach(({ id, score, outcomes }, i) => {
    const at = `result.scenarios.${i}`;
    const scenario = index.byId.get(id);
    const earlier = seen.get(id);
    if (!scenario)
      problems.push({
        field: `${at}.id`,
        message: `is "${id}", which is not a scenario of the published ${course.mode} course. Send the ids of the scenarios the learner played (the course definition's scenarios).`,
      });
    else if (earlier !== undefined)
      problems.push({
        field: `${at}.id`,
        message: `repeats scenario "${id}" (already at result.scenarios.${earlier}). Send each scenario once, with its latest play.`,
      });
    else problems.push(...pathProblems(scenario, outcomes, at));
    seen.set(id, earlier ?? i);
    const expected = scoreOutcomes(outcomes.map((o) => o.outcome));
    if (Math.abs(score - expected) > SCORE_TOLERANCE)
      problems.push({
        field: `${at}.score`,
        message: `is ${score}, but its outcomes score ${expected} (the mean credit of its answers: ${CREDITS}). Send the score the outcomes give.`,
      });
  });
  problems.push(...planProblems(course, index, [...seen.keys()], body.result.scenarios.length));
  problems.push(...earlierMissedProblems(body.result, index));
  const expected = resultScore(body.result);
  if (Math.abs(body.result.score - expected) > SCORE_TOLERANCE)
    problems.push({
      field: "result.score",
      message: `is ${body.result.score}, but the scenarios' outcomes give ${expected} (the mean of the scenario scores). Send the score the outcomes give.`,
    });
  return problems;
}

/** The course score that the result's outcomes give, by the course's own scoring. */
export function resultScore(result: Pick<AcknowledgementBody["result"], "scenarios">): number {
  return scoreCourse(result.scenarios.map((s) => scoreOutcomes(s.outcomes.map((o) => o.outcome))));
}

/**
 * The published course a result claims to be of. An update names the version it starts from and
 * the one it ends at; the server holds it to the update course it built for that pair, so what an
 * update must replay is the server's to decide, never the browser's.
 */
function courseOf(
  result: AcknowledgementBody["result"],
  courses: PublishedCourses,
): { course: CourseDefinition } | { problems: FieldProblem[] } {
  const versions = result.from !== undefined || result.to !== undefined;
  if (result.mode !== "update")
    return versions
      ? {
          problems: [
            {
              field: "result.from",
              message: `goes with mode "update" only. Leave from and to out of an ${result.mode} result.`,
            },
          ],
        }
      : { course: courses[result.mode] };
  const updates = courses.updates ?? [];
  const known = updates.map((u) => u.update?.from).join(", ") || "none: this build has no update course";
  const course = updates.find((u) => u.update?.from === result.from);
  if (!course?.update)
    return {
      problems: [
        {
          field: "result.from",
          message: `is ${result.from === undefined ? "missing" : `"${result.from}"`}, but the published update courses start from ${known}. A learner whose last acknowledgement is older takes the full course.`,
        },
      ],
    };
  if (result.to !== course.update.to)
    return {
      problems: [
        {
          field: "result.to",
          message: `is ${result.to === undefined ? "missing" : `"${result.to}"`}, but the update from ${course.update.from} brings the learner to ${course.update.to}. Send the version the update course showed.`,
        },
      ],
    };
  return { course };
}

function policyProblems(policy: AcknowledgementBody["policy"], course: CourseDefinition): FieldProblem[] {
  if (policy.hash !== course.policy.hash)
    return [
      {
        field: "policy.hash",
        message: `is not the published policy's (${course.policy.hash}). Reload the course to read the current version.`,
      },
    ];
  if (policy.version !== course.policy.version)
    return [
      {
        field: "policy.version",
        message: `is "${policy.version}", but the policy with this hash is version "${course.policy.version}". Send the version the course showed with the hash.`,
      },
    ];
  return [];
}

/**
 * Whether the outcomes are those of a path from the scenario's start to an end node. Two choices of
 * one question may give the same clause and outcome and lead to different nodes, so the walk keeps
 * every node the outcomes so far could have reached.
 */
function pathProblems(scenario: CourseScenario, outcomes: Outcomes, at: string): FieldProblem[] {
  let reached = new Set([scenario.start]);
  for (const [j, { clause, outcome }] of outcomes.entries()) {
    const offered = choicesAt(scenario, reached);
    const next = new Set(offered.filter((c) => c.clause === clause && c.outcome === outcome).map((c) => c.next));
    if (!next.size)
      return [
        {
          field: `${at}.outcomes.${j}`,
          message: `is ${clause} ${outcome}, which no choice of scenario "${scenario.id}" offers at this point of a path (the choices there give ${offeredText(offered)}). Send the clause and outcome of each choice made, in order.`,
        },
      ];
    reached = next;
  }
  if ([...reached].some((id) => scenario.nodes[id]?.type === "end")) return [];
  return [
    {
      field: `${at}.outcomes`,
      message: `${outcomes.length ? `stops after ${countOf(outcomes.length, "answer")}` : "is empty"}, before scenario "${scenario.id}" ends (the next question's choices give ${offeredText(choicesAt(scenario, reached))}). Send a scenario only once it is played to its end.`,
    },
  ];
}

function choicesAt(scenario: CourseScenario, reached: ReadonlySet<string>) {
  return [...reached].flatMap((id) => {
    const node = scenario.nodes[id];
    return node?.type === "question" ? node.choices : [];
  });
}

function offeredText(choices: readonly { clause: string; outcome: string }[]): string {
  const options = [...new Set(choices.map((c) => `${c.clause} ${c.outcome}`))];
  return options.length ? options.join(", ") : "nothing: the scenario has ended";
}

/**
 * Whether the earlier attempts' misses are ones this result's scenarios could have given: only on a
 * retry, each clause once, each cited by a choice that is not the correct one in a scenario played,
 * and never more often than every earlier attempt missing every such question.
 */
function earlierMissedProblems(result: AcknowledgementBody["result"], index: CourseIndex): FieldProblem[] {
  const listed = result.earlierMissed ?? [];
  if (!listed.length) return [];
  if (result.attempt === 1)
    return [
      {
        field: "result.earlierMissed",
        message: "lists misses of earlier attempts, but this is attempt 1. Send earlierMissed on a retry only.",
      },
    ];
  // Per clause: how many questions of the scenarios played can be missed citing it.
  const missable = new Map<string, number>();
  for (const { id } of result.scenarios)
    for (const node of Object.values(index.byId.get(id)?.nodes ?? {}))
      if (node.type === "question")
        for (const clause of new Set(node.choices.filter((c) => c.outcome !== "correct").map((c) => c.clause)))
          missable.set(clause, (missable.get(clause) ?? 0) + 1);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  listed.forEach(({ clause, count }, i) => {
    const at = `result.earlierMissed.${i}`;
    const most = (missable.get(clause) ?? 0) * (result.attempt - 1);
    if (seen.has(clause))
      problems.push({ field: `${at}.clause`, message: `repeats ${clause}. Send each clause once, with its count.` });
    else if (!most)
      problems.push({
        field: `${at}.clause`,
        message: `is ${clause}, which no choice of the scenarios played can miss. Send the clauses of the wrong choices the earlier attempts made.`,
      });
    else if (count > most)
      problems.push({
        field: `${at}.count`,
        message: `is ${count}, more than the ${most} misses of ${clause} that ${countOf(result.attempt - 1, "earlier attempt")} of these scenarios allow.`,
      });
    seen.add(clause);
  });
  return problems;
}

/** Whether the scenarios are a plan the course gives a learner of this mode (see resultProblems for the limits). */
function planProblems(course: CourseDefinition, index: CourseIndex, ids: string[], count: number): FieldProblem[] {
  const sent = new Set(ids);
  if (course.mode !== "update" && !count)
    return [{ field: "result.scenarios", message: "must list the scenarios played" }];
  if (course.mode === "refresher") {
    const size = Math.min(course.refresherSize, course.scenarios.length);
    return count === size
      ? []
      : [
          {
            field: "result.scenarios",
            message: `holds ${countOf(count, "scenario")}, but a refresher quiz holds ${size}. Send every scenario of the learner's quiz, each once.`,
          },
        ];
  }
  const problems: FieldProblem[] = [];
  const missing = index.required.filter((id) => !sent.has(id));
  if (missing.length)
    problems.push({
      field: "result.scenarios",
      message:
        course.mode === "update"
          ? `lacks ${missing.join(", ")}: an update from ${course.update?.from} to ${course.update?.to} replays every scenario that cites a changed clause or whose text changed. Send the whole plan, played to the end.`
          : `lacks ${missing.join(", ")}: an onboarding result holds every scenario for everyone and for the organisation's industry addenda. Send the whole plan, played to the end.`,
    });
  for (const [audience, group] of index.products) {
    const played = group.filter((id) => sent.has(id));
    if (played.length && played.length < group.length)
      problems.push({
        field: "result.scenarios",
        message: `holds ${played.join(", ")} but not ${group.filter((id) => !sent.has(id)).join(", ")}: a learner who uses ${audience} plays all of its scenarios. Send all of them, or none.`,
      });
  }
  return problems;
}

interface CourseIndex {
  byId: ReadonlyMap<string, CourseScenario>;
  /** The scenarios every onboarding learner plays, whatever products they use. */
  required: readonly string[];
  /** Each product's scenarios, played by the learners who say they use it. */
  products: ReadonlyMap<ProductAudience, readonly string[]>;
}

// Once per published course, not per request: the course never changes while the server runs.
const indexes = new WeakMap<CourseDefinition, CourseIndex>();

/** The plan's rules are onboardingPlan's own: what it gives a learner with no products, and what each product adds. */
function courseIndex(course: CourseDefinition): CourseIndex {
  const known = indexes.get(course);
  if (known) return known;
  const required = onboardingPlan(course, {});
  const products = new Map(
    course.productAudiences.map((audience) => [
      audience,
      onboardingPlan(course, { audiences: [audience] }).filter((id) => !required.includes(id)),
    ]),
  );
  const index: CourseIndex = { byId: new Map(course.scenarios.map((s) => [s.id, s])), required, products };
  indexes.set(course, index);
  return index;
}
