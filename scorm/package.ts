// `npm run package [-- --out DIR] [--templates DIR]`: builds the course as static files for each
// SCORM version (into DIR/scorm/<version>, DIR being dist unless --out says) and writes
// DIR/packages/<slug>-<version>-scorm12.zip, …-scorm2004.zip, the quarterly refresher's pair, and
// for the latest material release the update course's (…-update-<from>-<to>-scorm12.zip, …),
// each only once its manifest has passed the official schemas and the packager's own checks. The
// manifests come from scorm/templates/, or from a copy of that folder given with --templates.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ContentError } from "../src/lib/contentProblem.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import { contentDir } from "../src/policy/paths.ts";
import { TEMPLATE_FILES, type ScormVersion } from "./manifest.ts";
import { updatePackages, type PackagedCourse } from "./updatePackages.ts";
import { writePackage } from "./writePackage.ts";

const USAGE = "Usage: npm run package [-- --out DIR] [--templates DIR]";

const VERSIONS: { version: ScormVersion; label: string }[] = [
  { version: "scorm12", label: "SCORM 1.2" },
  { version: "scorm2004", label: "SCORM 2004 4th Edition" },
];
const COURSES: PackagedCourse[] = [
  { launch: "course.html", suffix: "", title: "Acceptable Use Policy for Claude" },
  { launch: "refresher.html", suffix: "-refresher", title: "Acceptable Use Policy for Claude: quarterly refresher" },
];

const step = (message: string) => console.log(`• ${message}`);
const shown = (file: string) => path.relative(process.cwd(), file) || ".";

let options: { out?: string; templates?: string };
try {
  ({ values: options } = parseArgs({
    options: { out: { type: "string" }, templates: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const outRoot = path.resolve(options.out ?? "dist");
// A folder of templates is used whole: one without both files would fail half-way through.
const templatesDir = options.templates ? pathToFileURL(`${path.resolve(options.templates)}/`) : undefined;
for (const file of templatesDir ? Object.values(TEMPLATE_FILES) : [])
  if (!existsSync(new URL(file, templatesDir)))
    fail(`--templates ${options.templates} has no ${file}. Copy scorm/templates/ whole and edit the copy.`, 2);

let policy;
try {
  policy = loadPolicy({ mode: "strict" });
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  fail(`${(error as Error).message}\nFix the content, then run npm run package again.`);
}
const org = policy.organisation.organisation;
const slug = (org.shortName ?? org.name)
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "-")
  .replace(/^-|-$/g, "");
const courses = [...COURSES, ...updatePackages(contentDir(), policy.version)];
const outDir = path.join(outRoot, "packages");
mkdirSync(outDir, { recursive: true });

for (const { version, label } of VERSIONS) {
  const buildDir = path.join(outRoot, "scorm", version);
  step(`Building the course for ${label}…`);
  const build = spawnSync(process.execPath, [path.resolve("node_modules/astro/bin/astro.mjs"), "build"], {
    env: {
      ...process.env,
      AUP_TARGET: version,
      AUP_OUT_DIR: buildDir,
      NODE_ENV: "production",
      ASTRO_TELEMETRY_DISABLED: "1",
    },
    encoding: "utf8",
  });
  if (build.status !== 0) {
    console.error(build.stdout + build.stderr);
    console.error(`The ${label} build failed (above). Nothing was packaged for it.`);
    process.exit(1);
  }
  const files = listFiles(buildDir);
  for (const course of courses) {
    const name = `${slug}-${policy.version}${course.suffix}-${version}.zip`;
    const refusal = await writePackage({
      name,
      manifest: {
        version,
        identifier: `aup-course-${slug}-${policy.version}${course.suffix}`,
        title: `${course.title} (${org.name})`,
        policyVersion: policy.version,
        policyHash: policy.hash,
        passMark: policy.organisation.course.passMark,
        launch: course.launch,
        files,
      },
      buildDir,
      outDir,
      templatesDir,
    });
    if (refusal) {
      console.error(refusal);
      process.exit(1);
    }
    const size = statSync(path.join(outDir, name)).size;
    step(`Wrote ${shown(path.join(outDir, name))} (${(size / 1024).toFixed(0)} KB, ${files.length + 1} files).`);
  }
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** Every file of a build, relative to it, with forward slashes as zips and manifests need. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}
