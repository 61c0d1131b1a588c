// `npm run release -- --material|--minor --note "…"`: records the current policy as a published
// version in content/releases/ (AUP_CONTENT_DIR), or a review of the latest release when the text
// has not changed. Commit the file it writes: the build refuses a policy text no release records.
import { parseArgs } from "node:util";
import { ContentError } from "../src/lib/contentProblem.ts";
import { contentDir } from "../src/policy/paths.ts";
import { liveRelease } from "../src/releases/liveRelease.ts";
import { readReleases } from "../src/releases/releaseFiles.ts";
import { recordRelease, ReleaseRefused } from "../src/releases/recordRelease.ts";
import { scenariosDir } from "../src/scenarios/loadScenarios.ts";
import { formatProblem } from "../src/lib/contentProblem.ts";

const USAGE = 'Usage: npm run release -- --material|--minor --note "what changed and why"';

function fail(message: string, code = 2): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let options: { material?: boolean; minor?: boolean; note?: string };
try {
  ({ values: options } = parseArgs({
    options: { material: { type: "boolean" }, minor: { type: "boolean" }, note: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (options.material === options.minor)
  fail(
    options.material
      ? "Give --material or --minor, not both."
      : "Say what kind of change this is: --material (everyone acknowledges it) or --minor (wording only).",
  );
const note = options.note?.trim();
if (!note) fail('--note is required: one sentence on what changed (or "Reviewed, no change") for the change log.');

const content = contentDir();
const { releases, problems } = readReleases(content);
if (problems.length)
  fail(`The recorded releases have problems:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`, 1);
try {
  const live = liveRelease(content, scenariosDir());
  const today = new Date().toISOString().slice(0, 10);
  const outcome = recordRelease(content, live, releases, {
    kind: options.material ? "material" : "minor",
    note,
    today,
  });
  const { release, file } = outcome;
  console.log(
    outcome.action === "released"
      ? `Released ${release.version} (${release.change}), SHA-256 ${release.hash}, in ${file}. Commit it.`
      : `The text is release ${release.version}'s: recorded a review of it on ${today} in ${file}. Commit it.`,
  );
} catch (error) {
  if (error instanceof ReleaseRefused) fail(`Nothing was recorded: ${error.message}`, 1);
  if (error instanceof ContentError) fail(`Nothing was recorded. ${error.message}`, 1);
  // A read-only checkout or a full disk: say which file, rather than a stack trace.
  if ((error as NodeJS.ErrnoException).code)
    fail(`Nothing was recorded: ${(error as Error).message}. Check that the content folder can be written.`, 1);
  throw error;
}
