import { describe, expect, it } from "vitest";
import { buildManifest, type ScormVersion } from "../../scorm/manifest.ts";
import { validateManifest } from "../../scorm/validateManifest.ts";

const manifest = (version: ScormVersion) =>
  buildManifest({
    version,
    identifier: "aup-course-kestrel-1.0.0",
    title: "Acceptable Use Policy for Claude: Kestrel & Co, café — 🦅",
    policyVersion: "1.0.0",
    policyHash: "a".repeat(64),
    passMark: 80,
    launch: "course.html",
    files: ["course.html", "_astro/course.js"],
  });

/** Applies a change that must change something, so that a test never checks the unbroken text. */
function broken(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`The manifest no longer contains ${from}: update the test.`);
  return xml.replace(from, to);
}

/** The 1-based line of the first occurrence of `text`. */
const lineOf = (xml: string, text: string) => xml.slice(0, xml.indexOf(text)).split("\n").length;

const cmi5 = (auAttributes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/aup-course">
    <title><langstring lang="en">Acceptable Use Policy for Claude</langstring></title>
    <description><langstring lang="en">Read, practise, acknowledge.</langstring></description>
  </course>
  <au ${auAttributes}>
    <title><langstring lang="en">The course</langstring></title>
    <description><langstring lang="en">Onboarding.</langstring></description>
    <url>course.html</url>
  </au>
</courseStructure>
`;

describe("validateManifest", () => {
  it.each([
    ["scorm12", "SCORM 1.2"],
    ["scorm2004", "SCORM 2004 4th Edition"],
  ] as const)("passes the %s manifest the packager writes, detected from its namespace", async (version, format) => {
    expect(await validateManifest(manifest(version), "imsmanifest.xml")).toEqual({ format, problems: [] });
  });

  it("passes a cmi5.xml and refuses one whose assignable unit has no id", async () => {
    expect(await validateManifest(cmi5('id="https://example.com/aup-course/au"'), "cmi5.xml")).toEqual({
      format: "cmi5",
      problems: [],
    });
    const { problems } = await validateManifest(cmi5('moveOn="Passed"'), "cmi5.xml");
    expect(problems).toEqual([
      {
        file: "cmi5.xml",
        line: 7,
        message: expect.stringContaining("The attribute 'id' is required but missing.") as string,
      },
    ]);
  });

  it("names the file, the line and the schema's message for a misspelt SCORM 1.2 element, without the ims_xml.xsd noise", async () => {
    const xml = broken(manifest("scorm12"), "<organizations ", "<organisations ").replace(
      "</organizations>",
      "</organisations>",
    );
    expect((await validateManifest(xml, "kestrel.zip/imsmanifest.xml")).problems).toEqual([
      {
        file: "kestrel.zip/imsmanifest.xml",
        line: lineOf(xml, "<organisations "),
        message: expect.stringMatching(
          /organisations': This element is not expected\. Expected is .*organizations/,
        ) as string,
      },
    ]);
  });

  it("checks the SCORM 1.2 metadata against the IMS metadata schema", async () => {
    const xml = broken(manifest("scorm12"), "<imsmd:langstring ", "<imsmd:langstrin ").replace(
      "</imsmd:langstring>",
      "</imsmd:langstrin>",
    );
    const { problems } = await validateManifest(xml, "imsmanifest.xml");
    expect(problems.map((p) => p.line)).toEqual([lineOf(xml, "<imsmd:langstrin ")]);
    expect(problems[0]?.message).toContain("langstrin': This element is not expected");
  });

  it("names the line of a SCORM 2004 resource without its required type", async () => {
    const xml = broken(manifest("scorm2004"), ' type="webcontent"', "");
    expect((await validateManifest(xml, "imsmanifest.xml")).problems).toEqual([
      {
        file: "imsmanifest.xml",
        line: lineOf(xml, "<resource "),
        message: expect.stringContaining("The attribute 'type' is required but missing.") as string,
      },
    ]);
  });

  it("checks SCORM 2004 sequencing against the IMS Simple Sequencing schema", async () => {
    const xml = broken(manifest("scorm2004"), ">0.8</imsss:minNormalizedMeasure>", ">80</imsss:minNormalizedMeasure>");
    const { problems } = await validateManifest(xml, "imsmanifest.xml");
    expect(problems.map((p) => p.line)).toEqual([lineOf(xml, "<imsss:minNormalizedMeasure>")]);
    expect(problems[0]?.message).toContain("minNormalizedMeasure");
  });

  it("names the line where a manifest stops being well-formed XML", async () => {
    const xml = broken(manifest("scorm2004"), "</organization>", "");
    const { format, problems } = await validateManifest(xml, "imsmanifest.xml");
    expect(format).toBe("SCORM 2004 4th Edition");
    expect(problems[0]).toEqual({
      file: "imsmanifest.xml",
      line: lineOf(xml, "</organizations>"),
      message: expect.stringContaining("Opening and ending tag mismatch: organization") as string,
    });
    expect(problems.map((p) => p.message).join("\n")).not.toContain("0x0");
  });

  it("refuses a document of no known format", async () => {
    expect(await validateManifest('<manifest xmlns="urn:example"/>', "imsmanifest.xml")).toEqual({
      format: undefined,
      problems: [
        {
          file: "imsmanifest.xml",
          message: 'Not a SCORM 1.2, SCORM 2004 or cmi5 document: its root element\'s namespace is "urn:example".',
        },
      ],
    });
  });
});
