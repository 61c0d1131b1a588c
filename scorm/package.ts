// `npm run package`: builds the course as static files for each SCORM version and writes
// dist/packages/<slug>-<version>-scorm12.zip, …-scorm2004.zip, and the quarterly refresher's pair,
// each only once its manifest has passed the official schemas and the packager's own checks.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ContentError } from "../src/lib/contentProblem.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import type { ScormVersion } from "./manifest.ts";
import { writePackage } from "./writePackage.ts";

const VERSIONS: { version: ScormVersion; label: string }[] = [
  { version: "scorm12", label: "SCORM 1.2" },
  { version: "scorm2004", label: "SCORM 2004 4th Edition" },
];
const COURSES = [
  { launch: "course.html", suffix: "", title: "Acceptable Use Policy for Claude" },
  { launch: "refresher.html", suffix: "-refresher", title: "Acceptable Use Policy for Claude: quarterly refresher" },
];

const step = (message: string) => console.log(`• ${message}`);

let policy;
try {
  policy = loadPolicy({ mode: "strict" });
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`${(error as Error).message}\nFix the content, then run npm run package again.`);
  process.exit(1);
}
const org = policy.organisation.organisation;
const slug = (org.shortName ?? org.name)
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "-")
  .replace(/^-|-$/g, "");
const outDir = path.resolve("dist/packages");
mkdirSync(outDir, { recursive: true });

for (const { version, label } of VERSIONS) {
  const buildDir = path.resolve("dist/scorm", version);
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
  for (const course of COURSES) {
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
    });
    if (refusal) {
      console.error(refusal);
      process.exit(1);
    }
    const size = statSync(path.join(outDir, name)).size;
    step(`Wrote dist/packages/${name} (${(size / 1024).toFixed(0)} KB, ${files.length + 1} files).`);
  }
}

/** Every file of a build, relative to it, with forward slashes as zips and manifests need. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}
