import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError, type ContentProblem } from "../lib/contentProblem.ts";
import { zodProblems } from "../lib/zodProblems.ts";
import { readPolicy } from "../policy/loadPolicy.ts";
import { plainText, renderMarkdown } from "../policy/markdown.ts";
import { loadOrganisation } from "../policy/organisation.ts";
import { contentDir as defaultContentDir, displayPath } from "../policy/paths.ts";
import { fillPlaceholders, placeholderValues, type PlaceholderValues } from "../policy/placeholders.ts";
import { parseYaml } from "../policy/readYaml.ts";
import { MAX_SCENARIOS, ScenarioSchema, type Scenario } from "../schemas/scenario.ts";
import { checkScenario } from "./checkScenario.ts";

export interface LoadScenariosOptions {
  contentDir?: string;
  /** The organisation's values and the clause ids scenarios may cite, when already read (one build reads each file once). */
  context?: ScenarioContext;
  /** Folder of scenario files; `AUP_SCENARIOS_DIR` or ./scenarios by default. */
  scenariosDir?: string;
  /** `strict` throws a ContentError listing every problem of every file; `preview` returns them. */
  mode?: "strict" | "preview";
}

export interface LoadedScenarios {
  /** Valid scenarios, sorted by id, with organisation values filled in and text rendered to HTML. */
  scenarios: Scenario[];
  problems: ContentProblem[];
}

export interface ScenarioContext {
  values: PlaceholderValues;
  citableClauses: ReadonlySet<string>;
}

export function scenariosDir(): string {
  return path.resolve(process.env.AUP_SCENARIOS_DIR ?? "scenarios");
}

/** Reads, validates and renders every scenario file. A file with any problem is left out. */
export function loadScenarios(options: LoadScenariosOptions = {}): LoadedScenarios {
  const { checked, problems, values } = checkScenarioFiles(options);
  return { scenarios: checked.map((scenario) => renderScenario(scenario, values)), problems };
}

/**
 * Reads and checks every scenario file (schema, graph, clause ids, placeholders): the files without
 * a problem as written (Markdown, placeholders unfilled), every problem of every file, and the
 * organisation's values to render them with.
 */
export function checkScenarioFiles({
  contentDir = defaultContentDir(),
  scenariosDir: dir = scenariosDir(),
  mode = "strict",
  context = scenarioContext(contentDir),
}: LoadScenariosOptions = {}): { checked: Scenario[]; problems: ContentProblem[]; values: PlaceholderValues } {
  const { values, citableClauses: knownClauses } = context;
  const problems: ContentProblem[] = [];
  const scenarios: Scenario[] = [];
  for (const name of yamlFiles(dir, problems)) {
    const file = path.join(dir, name);
    const shown = displayPath(file);
    const { data, problems: syntax } = parseYaml(readFileSync(file, "utf8"), file);
    const parsed = syntax.length ? undefined : ScenarioSchema.safeParse(data);
    const found = parsed?.success
      ? [
          ...checkScenario(parsed.data, shown, path.basename(name, path.extname(name)), knownClauses),
          ...placeholderProblems(parsed.data, shown, values),
        ]
      : [...syntax, ...(parsed ? zodProblems(parsed.error, shown).map(inScenarioTerms) : [])];
    problems.push(...found);
    if (parsed?.success && !found.length) scenarios.push(parsed.data);
  }
  if (scenarios.length > MAX_SCENARIOS)
    problems.push({
      file: displayPath(dir),
      message: `holds ${scenarios.length} scenarios; a course can carry at most ${MAX_SCENARIOS} (saved progress must fit SCORM 1.2's 4,096 characters). Move some to another folder.`,
    });
  if (mode === "strict" && problems.length) throw new ContentError(problems);
  return { checked: scenarios.sort((a, b) => a.id.localeCompare(b.id)), problems, values };
}

/** What scenarios are checked and filled in against, read from the content folder. */
function scenarioContext(contentDir: string): ScenarioContext {
  const organisation = loadOrganisation(contentDir);
  const { citableClauses } = readPolicy(contentDir, organisation, { mode: "preview" });
  return { values: placeholderValues(organisation), citableClauses };
}

/** `nodes.ask.choices item 2.outcome` reads as `node "ask" choice 2 outcome`. */
function inScenarioTerms(problem: ContentProblem): ContentProblem {
  const location = problem.location
    ?.replace(/^nodes\.([^.\s]+)/, 'node "$1"')
    .replace(/\.choices item (\d+)/, " choice $1")
    .replace(/\./g, " ");
  return { ...problem, location };
}

function yamlFiles(dir: string, problems: ContentProblem[]): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  } catch {
    problems.push({
      file: displayPath(dir),
      message: "does not exist. Create it with one scenario file per situation (see the shipped scenarios).",
    });
    return [];
  }
}

/** Every text of a scenario with where it sits, for placeholder checks and rendering. */
function texts(scenario: Scenario): { location: string; text: string }[] {
  return Object.entries(scenario.nodes).flatMap(([id, node]) =>
    node.type === "end"
      ? [{ location: `node "${id}" debrief`, text: node.debrief }]
      : [
          { location: `node "${id}" situation`, text: node.situation },
          ...node.choices.flatMap((c, i) => [
            { location: `node "${id}" choice ${i + 1} label`, text: c.label },
            { location: `node "${id}" choice ${i + 1} feedback`, text: c.feedback },
          ]),
        ],
  );
}

function placeholderProblems(scenario: Scenario, file: string, values: PlaceholderValues): ContentProblem[] {
  const all = [
    { location: "title", text: scenario.title },
    { location: "summary", text: scenario.summary },
    ...texts(scenario),
  ];
  return all.flatMap(({ location, text }) =>
    fillPlaceholders(text, values).unknown.map(({ key }) => ({
      file,
      location,
      message: `uses the unknown placeholder {{${key}}}. Use a field of organisation.yaml, e.g. {{contacts.questions.email}}.`,
    })),
  );
}

/** Fills organisation values in; situations, feedback and debriefs become HTML, the rest plain text. */
export function renderScenario(scenario: Scenario, values: PlaceholderValues): Scenario {
  const html = (text: string) => renderMarkdown(fillPlaceholders(text, values).text);
  const plain = (text: string) => plainText(fillPlaceholders(text, values).text);
  const nodes = Object.fromEntries(
    Object.entries(scenario.nodes).map(([id, node]) => [
      id,
      node.type === "end"
        ? { ...node, debrief: html(node.debrief) }
        : {
            ...node,
            situation: html(node.situation),
            choices: node.choices.map((c) => ({ ...c, label: plain(c.label), feedback: html(c.feedback) })),
          },
    ]),
  );
  return { ...scenario, title: plain(scenario.title), summary: plain(scenario.summary), nodes };
}
