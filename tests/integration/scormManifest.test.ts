import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../../scorm/checkManifest.ts";
import { buildManifest, type ManifestInput, type ScormVersion } from "../../scorm/manifest.ts";

const VALIDATE = path.resolve("../shared/scorm-schemas/validate");
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

/** Runs the official schemas (ADL/IMS XSDs through xmllint) on a manifest. */
function validate(xml: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "aup-manifest-"));
  const file = path.join(dir, "imsmanifest.xml");
  writeFileSync(file, xml);
  const run = spawnSync("bash", [VALIDATE, file], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe.each(["scorm12", "scorm2004"] as const)("%s manifest", (version) => {
  it("passes the official schemas and the packager's own checks", () => {
    const xml = buildManifest(input(version));
    const result = validate(xml);
    expect(result.output).toContain(`valid SCORM ${version === "scorm12" ? "1.2" : "2004"}`);
    expect(result.status).toBe(0);
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
