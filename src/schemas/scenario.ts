import { z } from "zod";
import { clauseId, text as textField } from "./fields.ts";
import { strictGroup } from "./strictGroup.ts";

/**
 * A branching scenario (`scenarios/<id>.yaml`): a situation, choices with outcomes and feedback that
 * cites a clause, and end nodes with a debrief. The graph rules (targets exist, reachable, no
 * cycles, a fully correct path) and clause ids are checked by `checkScenario`, which needs the policy.
 */

export const AUDIENCES = [
  "everyone",
  "claude-code",
  "cowork",
  "claude-api",
  "financial-services",
  "healthcare",
  "legal",
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const OUTCOMES = ["correct", "partial", "incorrect"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Bounds that keep saved progress within SCORM 1.2's 4,096 characters (see progressCodec). */
export const MAX_NODES = 12;
export const MAX_SCENARIOS = 120;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (what: string, max: number) => textField(what, { max });

const nodeId = z
  .string({ error: "must be a node id in kebab-case, e.g. ask-first." })
  .regex(KEBAB, { error: "must be a node id in kebab-case (lower-case words joined by -), e.g. ask-first." });

const ChoiceSchema = strictGroup(
  {
    /** What the learner may do, as shown on the button. */
    label: text("what the learner would do, in one line", 160),
    /** Node this choice leads to. */
    next: nodeId,
    outcome: z.enum(OUTCOMES, { error: `must be one of ${OUTCOMES.join(", ")}.` }),
    /** The clause the feedback rests on. */
    clause: clauseId,
    /** Why this choice is right or wrong, in terms of the clause. */
    feedback: text("why this choice is right or wrong, citing the clause", 800),
  },
  "Add label, next, outcome, clause and feedback.",
);

const QuestionNodeSchema = strictGroup(
  {
    type: z.literal("question"),
    /** The situation the learner faces (Markdown). */
    situation: text("the situation the learner faces", 1500),
    choices: z
      .array(ChoiceSchema, { error: "must be a list of choices." })
      .min(2, { error: "needs at least 2 choices. Add another choice." })
      .max(4, { error: "has more than 4 choices. Keep at most 4." }),
  },
  "Add type, situation and choices.",
);

const EndNodeSchema = strictGroup(
  {
    type: z.literal("end"),
    /** The lesson, shown when the scenario ends (Markdown). */
    debrief: text("the lesson of the scenario", 1200),
  },
  "Add type and debrief.",
);

const NodeSchema = z.discriminatedUnion("type", [QuestionNodeSchema, EndNodeSchema], {
  error: "needs type: question (with situation and choices) or type: end (with debrief).",
});

export const ScenarioSchema = strictGroup(
  {
    /** Kebab-case id, the same as the file name. */
    id: z
      .string({ error: "is missing. Write the file name without .yaml." })
      .regex(KEBAB, { error: "must be kebab-case, like the file name." }),
    title: text('the question the scenario asks, e.g. "Can I paste this client email into Claude?"', 120),
    summary: text("one sentence for the scenario list", 240),
    /** Who meets this scenario: everyone, users of one product, or one industry addendum. */
    audience: z.enum(AUDIENCES, { error: `must be one of ${AUDIENCES.join(", ")}.` }),
    /**
     * Only for quarterly refreshers: onboarding plays a selection of the bank that covers every
     * section in a sitting of reasonable length, and the rest feeds the refreshers.
     */
    refresherOnly: z.boolean({ error: "must be true or false (true: only refreshers play it)." }).optional(),
    /** Every clause the scenario teaches. */
    clauses: z
      .array(clauseId, { error: 'must be a list of clause ids, e.g. ["3.4"].' })
      .min(1, { error: "is empty. List the clauses the scenario teaches." }),
    /** The first node. */
    start: nodeId,
    // At most 12 nodes keeps every path under 12 choices, which the saved-progress budget relies on.
    nodes: z
      .record(nodeId, NodeSchema, { error: "must map node ids to nodes." })
      .refine((nodes) => Object.keys(nodes).length <= MAX_NODES, {
        error: `has more than ${MAX_NODES} nodes. Split the scenario in two.`,
      }),
  },
  "Start the file with id, title, summary, audience, clauses, start and nodes.",
);

export type Scenario = z.output<typeof ScenarioSchema>;

/**
 * A scenario as courses carry it: without its summary, which only readers of the scenario files
 * see, and which would be about 2 KB of the refresher page for nothing.
 */
export type CourseScenario = Omit<Scenario, "summary">;
export type ScenarioNode = Scenario["nodes"][string];
export type QuestionNode = Extract<ScenarioNode, { type: "question" }>;
export type Choice = QuestionNode["choices"][number];
