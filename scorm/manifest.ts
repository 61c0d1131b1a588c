import { readFileSync } from "node:fs";
import type { PackageTarget } from "../src/site/target.ts";

export type ScormVersion = PackageTarget;

export interface ManifestInput {
  version: ScormVersion;
  /** Package identifier; includes the policy version so that an LMS treats a new version as new. */
  identifier: string;
  title: string;
  policyVersion: string;
  policyHash: string;
  /** Pass mark as a percentage (1 to 100). */
  passMark: number;
  /** The page the LMS launches, relative to the package root. */
  launch: string;
  /** Every file of the package, relative to its root (imsmanifest.xml itself excluded). */
  files: string[];
}

/** The shipped manifest templates; `npm run package -- --templates DIR` (or a test) passes the folder of a copy. */
export const TEMPLATES_DIR = new URL("./templates/", import.meta.url);
export const TEMPLATE_FILES: Record<ScormVersion, string> = {
  scorm12: "imsmanifest-scorm12.xml",
  scorm2004: "imsmanifest-scorm2004.xml",
};

/** Fills the version's manifest template with validated course data. */
export function buildManifest(input: ManifestInput, templatesDir: URL = TEMPLATES_DIR): string {
  const values: Record<string, string> = {
    identifier: input.identifier,
    version: input.policyVersion,
    title: input.title,
    policyVersion: input.policyVersion,
    policyHash: input.policyHash,
    masteryScore: String(input.passMark),
    scaledPassingScore: String(input.passMark / 100),
    launch: input.launch,
    files: [...input.files]
      .sort()
      .map((file) => `      <file href="${escapeXml(file)}"/>`)
      .join("\n"),
  };
  return readFileSync(new URL(TEMPLATE_FILES[input.version], templatesDir), "utf8").replace(
    /\{\{(\w+)\}\}/g,
    (_, key: string) => {
      const value = values[key];
      if (value === undefined)
        throw new Error(`The manifest template asks for {{${key}}}, which the packager does not provide.`);
      return key === "files" ? value : escapeXml(value);
    },
  );
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );
}
