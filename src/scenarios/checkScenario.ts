import type { ContentProblem } from "../lib/contentProblem.ts";
import type { QuestionNode, Scenario } from "../schemas/scenario.ts";
import { labelGivesReason, labelSentences } from "./labelSentences.ts";

/**
 * The rules a schema cannot express: the file name matches the id, every `next` exists, every
 * node is reachable, there are no loops (so every path ends), at least one path is correct at
 * every step, every clause exists in the policy, and no question gives its answer away by its form.
 * Returns every problem found, not just the first.
 */
export function checkScenario(
  scenario: Scenario,
  file: string,
  fileId: string,
  knownClauses: ReadonlySet<string>,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const report = (location: string, ...messages: string[]) =>
    problems.push(...messages.map((message) => ({ file, location, message })));
  const { nodes, start } = scenario;

  if (scenario.id !== fileId)
    report("id", `is "${scenario.id}" but the file is ${fileId}.yaml. Rename one so that they match.`);
  if (!nodes[start])
    report(
      "start",
      `names node "${start}", which does not exist. Add node "${start}" or point start at an existing node.`,
    );

  const cited = new Set<string>();
  for (const [id, node] of Object.entries(nodes)) {
    if (node.type !== "question") continue;
    node.choices.forEach((choice, i) => {
      const where = `node "${id}" choice ${i + 1}`;
      if (!nodes[choice.next])
        report(
          where,
          `points to missing node "${choice.next}". Add node "${choice.next}" or change the choice's next.`,
        );
      if (choice.next === id) report(where, `points back to its own node. Point it to a later node or an end node.`);
      cited.add(choice.clause);
    });
    if (!node.choices.some((choice) => choice.outcome === "correct"))
      report(`node "${id}"`, "offers no correct choice. Make at least one choice's outcome correct.");
    report(`node "${id}"`, ...giveaways(node));
  }

  for (const clause of new Set([...scenario.clauses, ...cited]))
    if (!knownClauses.has(clause))
      report(
        "clauses",
        `cites clause "${clause}", which the policy does not have. Use an existing clause id, e.g. "3.4".`,
      );
  for (const clause of cited)
    if (!scenario.clauses.includes(clause))
      report("clauses", `does not list "${clause}", which a choice cites. Add it to clauses.`);

  if (!nodes[start]) return problems;
  for (const id of unreachable(scenario))
    report(`node "${id}"`, `cannot be reached from start "${start}". Link a choice to it or remove it.`);
  for (const [from, to] of loops(scenario))
    report(
      `node "${from}"`,
      `leads back to "${to}", making a loop. Every path must end: point it to a later node or an end node.`,
    );
  if (!problems.length && !hasCorrectPath(scenario))
    report(
      "nodes",
      "has no path on which every choice is correct. Make one path from start to an end correct at every step.",
    );
  return problems;
}

/**
 * What would let a learner answer without knowing the policy: labels whose sentence counts differ
 * (wrong choices used to carry a second, justifying sentence), some labels giving a reason after a
 * comma where others give none, and a situation that asks its own
 * question before the course asks "What do you do?".
 */
function giveaways(node: QuestionNode): string[] {
  const found: string[] = [];
  const counts = [...new Set(node.choices.map((choice) => labelSentences(choice.label)))].sort();
  if (counts.length > 1)
    found.push(
      `has choice labels of ${counts.join(" and ")} sentences, which tells the answer apart. Write every label as the action alone and give the reason in its feedback, or give every label its reason.`,
    );
  const reasoned = node.choices.filter((choice) => labelGivesReason(choice.label));
  if (counts.length === 1 && reasoned.length && reasoned.length < node.choices.length)
    found.push(
      `has ${reasoned.length === 1 ? "a label that gives its reason" : "labels that give their reason"} (${reasoned.map((choice) => `"${choice.label}"`).join(", ")}) beside labels that give none, which tells the answer apart. Move the reason to the feedback, or give every label its reason.`,
    );
  if (/\?["'”’)]*$/.test(node.situation.trim()))
    found.push(
      'situation ends with a question, and the course asks "What do you do?" after it. End the situation with the facts.',
    );
  return found;
}

function targets(scenario: Scenario, id: string): string[] {
  const node = scenario.nodes[id];
  return node?.type === "question" ? node.choices.map((c) => c.next).filter((next) => next in scenario.nodes) : [];
}

function unreachable(scenario: Scenario): string[] {
  const seen = new Set([scenario.start]);
  const queue = [scenario.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift())
    for (const next of targets(scenario, id)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  return Object.keys(scenario.nodes).filter((id) => !seen.has(id));
}

/** Edges that close a cycle (depth-first search from start), as [from, to]; self-loops are reported apart. */
function loops(scenario: Scenario): [string, string][] {
  const state = new Map<string, "open" | "done">();
  const found: [string, string][] = [];
  const visit = (id: string) => {
    state.set(id, "open");
    for (const next of targets(scenario, id)) {
      if (state.get(next) === "open" && next !== id) found.push([id, next]);
      else if (!state.has(next)) visit(next);
    }
    state.set(id, "done");
  };
  visit(scenario.start);
  return found;
}

/** Whether an end can be reached from start through correct choices only (the graph has no loops here). */
function hasCorrectPath(scenario: Scenario, id = scenario.start): boolean {
  const node = scenario.nodes[id];
  if (!node) return false;
  if (node.type === "end") return true;
  return node.choices.some((choice) => choice.outcome === "correct" && hasCorrectPath(scenario, choice.next));
}
