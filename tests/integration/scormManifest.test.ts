import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../../scorm/checkManifest.ts";
import { buildManifest, TEMPLATE_FILES, type ManifestInput, type ScormVersion } from "../../scorm/manifest.ts";
import { validateManifest } from "../../scorm/validateManifest.ts";
import { writePackage } from "../../scorm/writePackage.ts";
import { copyFolder, editFile, emptyFolder } from "../support/contentFixture.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

const FILES = ["index.html", "_astro/course.js", "_astro/site.css", "policy.html"];

const input = (version: ScormVersion): ManifestInput => ({
  version,
  identifier: "aup-course-kestrel-1.0.0",
  title: "Acceptable Use Policy for Claude: Kestrel & Co <onboarding>",
  policyVersion: "1.0.0",
  policyHash: "a".repeat(64),
  passMark: 80,
  launch: "index.html",
  files: FILES,
});

/** Templates broken on purpose, each with the line the schema then points at and the schema's message. */
const BROKEN_TEMPLATES = [
  {
    version: "scorm12",
    breakage: "an element misspelt",
    breakTemplate: (text: string) => text.replace(/<(\/?)organizations\b/g, "<$1organisations"),
    brokenLine: "<organisations ",
    message:
      "element organisations: Schemas validity error : Element '{http://www.imsproject.org/xsd/imscp_rootv1p1p2}organisations': This element is not expected.",
  },
  {
    version: "scorm2004",
    breakage: "a required attribute removed",
    breakTemplate: (text: string) => text.replace(' type="webcontent"', ""),
    brokenLine: "<resource ",
    message:
      "element resource: Schemas validity error : Element '{http://www.imsglobal.org/xsd/imscp_v1p1}resource': The attribute 'type' is required but missing.",
  },
] as const;

/** A throwaway copy of scorm/templates/ with one template broken, and the manifest line that is then wrong. */
function brokenTemplates({ version, breakTemplate, brokenLine }: (typeof BROKEN_TEMPLATES)[number]) {
  const templates = copyFolder("scorm/templates");
  editFile(templates, TEMPLATE_FILES[version], breakTemplate);
  const template = readFileSync(path.join(templates, TEMPLATE_FILES[version]), "utf8");
  // The broken line comes before the file list, so its line in the manifest is its line in the template.
  return { templates, line: template.slice(0, template.indexOf(brokenLine)).split("\n").length };
}

describe.each(["scorm12", "scorm2004"] as const)("%s manifest", (version) => {
  it("passes the official schemas and the packager's own checks", async () => {
    const xml = buildManifest(input(version));
    expect(await validateManifest(xml, "imsmanifest.xml")).toEqual({
      format: version === "scorm12" ? "SCORM 1.2" : "SCORM 2004 4th Edition",
      problems: [],
    });
    expect(checkManifest(xml, version, FILES)).toEqual([]);
  });

  it("carries the policy version in the identifier and the hash in the metadata, escaped", () => {
    const xml = buildManifest(input(version));
    expect(xml).toContain('identifier="aup-course-kestrel-1.0.0"');
    expect(xml).toContain(
      version === "scorm12"
        ? `Acceptable Use Policy for Claude, version 1.0.0, SHA-256 ${"a".repeat(64)}</imsmd:langstring>`
        : `<aup:policy version="1.0.0" sha256="${"a".repeat(64)}"/>`,
    );
    expect(xml).toContain("Kestrel &amp; Co &lt;onboarding&gt;");
    expect(xml).toContain(
      version === "scorm12"
        ? "<adlcp:masteryscore>80</adlcp:masteryscore>"
        : "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>",
    );
    // 2004: an LMS that derives completion from progress_measure needs the threshold the course works to.
    if (version === "scorm2004")
      expect(xml).toContain('<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="1.0"/>');
  });
});

describe("the packager's own manifest checks", () => {
  it("catch a manifest broken on purpose: a dangling identifierref, a mastery score in words, files missing and unlisted", () => {
    const broken = buildManifest(input("scorm12"))
      .replace('identifierref="course-sco"', 'identifierref="missing-resource"')
      .replace("<adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:masteryscore>eighty</adlcp:masteryscore>")
      .replace('<file href="policy.html"/>', '<file href="gone.html"/>');
    expect(checkManifest(broken, "scorm12", FILES)).toMatchInlineSnapshot(`
      [
        "Item "course" refers to resource "missing-resource", which the manifest does not define.",
        "Item "course" has mastery score "eighty", which is not a number from 0 to 100.",
        "The manifest lists gone.html, which is not in the package.",
        "The package contains policy.html, which the manifest does not list.",
      ]
    `);
  });

  it("catch the other version's scormtype spelling and a launch page that is not listed", () => {
    const broken = buildManifest(input("scorm2004")).replace(
      'adlcp:scormType="sco" href="index.html"',
      'adlcp:scormtype="sco" href="start.html"',
    );
    expect(checkManifest(broken, "scorm2004", FILES)).toMatchInlineSnapshot(`
      [
        "Resource "course-sco" must say adlcp:scormType="sco" (SCORM 2004 spelling).",
        "Resource "course-sco" launches start.html, which is not listed as a file.",
      ]
    `);
  });

  it("refuse XML that is not well formed", () => {
    expect(checkManifest("<manifest><organizations>", "scorm12", [])[0]).toMatch(
      /^imsmanifest\.xml is not well-formed XML/,
    );
  });
});

describe("writePackage, which npm run package calls for every zip", () => {
  /** A built course in a throwaway folder: each of FILES, holding its own name. */
  function builtCourse(): string {
    const dir = emptyFolder("build");
    for (const file of FILES) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), file);
    }
    return dir;
  }

  it("writes a zip of the manifest and every built file when the manifest is fit to ship", async () => {
    const outDir = emptyFolder("packages");
    const spec = { name: "kestrel-1.0.0-scorm2004.zip", manifest: input("scorm2004"), buildDir: builtCourse(), outDir };
    expect(await writePackage(spec)).toBeUndefined();
    const entries = unzipSync(readFileSync(path.join(outDir, spec.name)));
    expect(Object.keys(entries).sort()).toEqual(["imsmanifest.xml", ...FILES].sort());
    expect(Buffer.from(entries["_astro/course.js"] ?? []).toString()).toBe("_astro/course.js");
  });

  it.each(BROKEN_TEMPLATES)(
    "refuses a $version template with $breakage: the schema's message, the file and the line, and no zip",
    async (broken) => {
      const { version, message } = broken;
      const { templates, line } = brokenTemplates(broken);
      const outDir = emptyFolder("packages");
      const name = `kestrel-1.0.0-${version}.zip`;
      writeFileSync(path.join(outDir, name), "a zip from an earlier run");

      const refusal = await writePackage({
        name,
        manifest: input(version),
        buildDir: builtCourse(),
        outDir,
        templatesDir: pathToFileURL(`${templates}/`),
      });

      expect(refusal).toContain(`${name}: the manifest is not fit to ship, so nothing was written for it:`);
      expect(refusal).toContain(`  - ${name}/imsmanifest.xml:${line}: ${message}`);
      expect(refusal).not.toContain("default namespace");
      expect(readdirSync(outDir)).toEqual([]);
    },
  );
});

describe("npm run package", () => {
  it.each(BROKEN_TEMPLATES)(
    "fails with a $version template with $breakage: exit code 1, the schema's message, the file and the line, and no zip for it",
    (broken) => {
      const { version, message } = broken;
      const { templates, line } = brokenTemplates(broken);
      const out = emptyFolder("package-out");
      const packages = path.join(out, "packages");
      mkdirSync(packages);
      // The shipped content's first zip of this version: the one refused.
      const name = `kestrel-${SHIPPED_VERSION}-${version}.zip`;
      const earlier = path.join(packages, name);
      writeFileSync(earlier, "a zip from an earlier run");

      // The real command, with its builds, on a copy of the templates and into a throwaway folder.
      const run = spawnSync(process.execPath, ["scorm/package.ts", "--out", out, "--templates", templates], {
        env: { ...process.env, NODE_ENV: "production" },
        encoding: "utf8",
      });

      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain(`${name}: the manifest is not fit to ship, so nothing was written for it:`);
      expect(run.stderr).toContain(`  - ${name}/imsmanifest.xml:${line}: ${message}`);
      expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // a refusal, not a crash
      expect(existsSync(earlier)).toBe(false);
      expect(readdirSync(packages).filter((zip) => zip.endsWith(`-${version}.zip`))).toEqual([]);
    },
  );

  it("refuses a templates folder without both templates before it builds anything", () => {
    const templates = emptyFolder("templates");
    const out = emptyFolder("package-out");
    const run = spawnSync(process.execPath, ["scorm/package.ts", "--out", out, "--templates", templates], {
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `--templates ${templates} has no imsmanifest-scorm12.xml. Copy scorm/templates/ whole and edit the copy.\n`,
    );
    expect(readdirSync(out)).toEqual([]);
  });
});
