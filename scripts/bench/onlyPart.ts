// `npm run bench -- --only PART`: one part of the bench, measured again, its section of BENCHMARKS.md
// replaced and the rest left as the last full run wrote it.
import { execSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { ensureChromium } from "../harness/chromium.ts";
import { pageLoadSection } from "./coursePageLoad.ts";
import { packagesSection, pageWeightSection, runPackage } from "./pageWeight.ts";
import { postgresBench } from "./postgresBench.ts";
import { postgresSection } from "./postgresReport.ts";

/** Each part, with the heading of the section it writes and where it goes when the file has none yet. */
const PARTS: Record<string, { heading: string; before: string; measure: () => Promise<string> }> = {
  "page-load": {
    heading: "## Page loads",
    before: "## Page weight",
    measure: () => pageLoadSection(ensureChromium()),
  },
  // Both weigh what npm run package leaves in dist/ (the SCORM builds and their zips) as well as the site.
  "page-weight": {
    heading: "## Page weight",
    before: "## SCORM packages",
    measure: () => {
      runPackage();
      return Promise.resolve(pageWeightSection());
    },
  },
  packages: {
    heading: "## SCORM packages",
    before: "## Build and package time",
    measure: () => {
      runPackage();
      return Promise.resolve(packagesSection());
    },
  },
  postgres: {
    heading: "## PostgreSQL store",
    before: "## Page weight",
    measure: async () => postgresSection(await postgresBench(process.argv.includes("--quick"), console.log)),
  },
};

/** The part `--only` names, or undefined when the whole bench runs; a name it does not know stops the run. */
export function onlyPart(argv: readonly string[]): string | undefined {
  const at = argv.indexOf("--only");
  if (at === -1) return undefined;
  const name = argv[at + 1] ?? "";
  if (!(name in PARTS))
    throw new Error(
      `npm run bench: --only needs one of ${Object.keys(PARTS).join(", ")}, not "${name}". For example: npm run bench -- --only page-load`,
    );
  return name;
}

/** Builds the site (the part measures the built server), measures the part and rewrites its section. */
export async function runPart(name: string, log: (message: string) => void): Promise<void> {
  const part = PARTS[name];
  if (!part) throw new Error(`npm run bench: no part named "${name}".`);
  log("Build…");
  const build = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build"], {
    env: { ...process.env, NODE_ENV: "production", ASTRO_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  log(`Measuring ${name}…`);
  // The file's header names the full run's date and commit; this section says its own.
  const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  const [title = part.heading, ...body] = (await part.measure()).split("\n");
  const when = `Measured alone by \`npm run bench -- --only ${name}\` on ${new Date().toISOString().slice(0, 10)}, commit ${commit}.`;
  const section = [title, "", when, ...body].join("\n");
  const written = readFileSync("BENCHMARKS.md", "utf8");
  const markdown = withSection(written, part.heading, part.before, section.trimEnd());
  const prettierOptions = (await resolveConfig("BENCHMARKS.md")) ?? {};
  writeFileSync("BENCHMARKS.md", await format(markdown, { ...prettierOptions, filepath: "BENCHMARKS.md" }));
  log(`Wrote the "${part.heading.slice(3)}" section of BENCHMARKS.md.`);
}

/** `markdown` with the section under `heading` replaced by `section`, or put before `before` if it has none. */
export function withSection(markdown: string, heading: string, before: string, section: string): string {
  const start = markdown.indexOf(`\n${heading}`);
  if (start !== -1) {
    const next = markdown.indexOf("\n## ", start + 1);
    return `${markdown.slice(0, start + 1)}${section}\n\n${next === -1 ? "" : markdown.slice(next + 1)}`;
  }
  const at = markdown.indexOf(`\n${before}`);
  if (at === -1) return `${markdown.trimEnd()}\n\n${section}\n`;
  return `${markdown.slice(0, at + 1)}${section}\n\n${markdown.slice(at + 1)}`;
}
