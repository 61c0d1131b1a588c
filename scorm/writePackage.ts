import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { packageBudgetProblem } from "../src/budgets/sizeBudgets.ts";
import { manifestFitToShip } from "./checkManifest.ts";
import { buildManifest, type ManifestInput } from "./manifest.ts";

export interface PackageSpec {
  /** The zip's file name, e.g. kestrel-1.0.0-scorm12.zip. */
  name: string;
  /** What the manifest says; its `files` are the build's files, relative to `buildDir`. */
  manifest: ManifestInput;
  buildDir: string;
  outDir: string;
  /** The manifest templates' folder: the shipped one unless `npm run package -- --templates` names a copy. */
  templatesDir?: URL;
}

/**
 * Writes one SCORM zip into `outDir`: the manifest made from its template, then the built files.
 * Returns why nothing was written instead when the manifest is not fit to ship or the zip is over budget.
 */
export async function writePackage({
  name,
  manifest,
  buildDir,
  outDir,
  templatesDir,
}: PackageSpec): Promise<string | undefined> {
  // A refused package must not leave an earlier run's zip of the same name behind to be shipped.
  rmSync(path.join(outDir, name), { force: true });
  const xml = buildManifest(manifest, templatesDir);
  const problems = await manifestFitToShip(xml, manifest.version, manifest.files, `${name}/imsmanifest.xml`);
  if (problems.length)
    return `${name}: the manifest is not fit to ship, so nothing was written for it:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
  const entries: Record<string, Uint8Array> = { "imsmanifest.xml": Buffer.from(xml) };
  for (const file of manifest.files) entries[file] = readFileSync(path.join(buildDir, file));
  const zip = zipSync(entries, { level: 9 });
  const overBudget = packageBudgetProblem(name, zip.length);
  if (overBudget) return `${overBudget} Nothing was written for it.`;
  writeFileSync(path.join(outDir, name), zip);
  return undefined;
}
