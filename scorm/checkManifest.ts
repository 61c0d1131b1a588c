import { XMLParser } from "fast-xml-parser";
import type { ScormVersion } from "./manifest.ts";
import { validateManifest, type CourseFormat } from "./validateManifest.ts";

const FORMATS: Record<ScormVersion, CourseFormat> = { scorm12: "SCORM 1.2", scorm2004: "SCORM 2004 4th Edition" };

/**
 * The one verdict on whether a manifest may ship in the `version` package: it passes the official
 * schemas of that version (scorm/schemas/) and the checks below. `file` names the manifest in the
 * problems; a schema problem also gives the line, and quotes it, since the manifest exists only in
 * memory until the zip is written.
 */
export async function manifestFitToShip(
  xml: string,
  version: ScormVersion,
  packaged: readonly string[],
  file: string,
): Promise<string[]> {
  const { format, problems } = await validateManifest(xml, file);
  const lines = xml.split("\n");
  const schemaProblems = problems.map(({ line, message }) =>
    line === undefined
      ? `${file}: ${message}`
      : `${file}:${line}: ${message}\n      ${line} | ${lines[line - 1]?.trim()}`,
  );
  if (format && format !== FORMATS[version])
    schemaProblems.push(`${file} is a ${format} manifest, but this is the ${FORMATS[version]} package.`);
  return [...schemaProblems, ...checkManifest(xml, version, packaged)];
}

/** An attribute or text value as a string (the parser gives strings or numbers). */
const str = (value: unknown): string => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/**
 * What the official schemas do not check but players need: every identifierref names a resource,
 * every listed file is in the package and every packaged file is listed, the launch page is listed,
 * the mastery score is a number, and scormtype is spelled as the version spells it.
 */
export function checkManifest(xml: string, version: ScormVersion, packaged: readonly string[]): string[] {
  const problems: string[] = [];
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      removeNSPrefix: false,
      isArray: (name) => ["item", "resource", "file", "organization"].includes(name),
    }).parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    return [`imsmanifest.xml is not well-formed XML: ${(error as Error).message}`];
  }
  const manifest = doc.manifest as Record<string, unknown> | undefined;
  if (!manifest) return ["imsmanifest.xml has no <manifest> root element."];
  const organizations =
    (manifest.organizations as { organization?: Record<string, unknown>[] } | undefined)?.organization ?? [];
  const resources = (manifest.resources as { resource?: Record<string, unknown>[] } | undefined)?.resource ?? [];
  const resourceIds = new Set(resources.map((r) => str(r["@identifier"])));

  const items = organizations.flatMap((o) => (o.item as Record<string, unknown>[] | undefined) ?? []);
  if (!items.length) problems.push("The manifest has no item to launch.");
  for (const item of items) {
    const ref = item["@identifierref"];
    if (ref !== undefined && !resourceIds.has(str(ref)))
      problems.push(
        `Item "${str(item["@identifier"])}" refers to resource "${str(ref)}", which the manifest does not define.`,
      );
    const mastery = item["adlcp:masteryscore"];
    if (mastery !== undefined && !/^\d+(\.\d+)?$/.test(str(mastery).trim()))
      problems.push(
        `Item "${str(item["@identifier"])}" has mastery score "${str(mastery)}", which is not a number from 0 to 100.`,
      );
  }

  const rightSpelling = version === "scorm12" ? "adlcp:scormtype" : "adlcp:scormType";
  const wrongSpelling = version === "scorm12" ? "adlcp:scormType" : "adlcp:scormtype";
  const listed = new Set<string>();
  for (const resource of resources) {
    const id = str(resource["@identifier"]);
    if (resource[`@${wrongSpelling}`] !== undefined || resource[`@${rightSpelling}`] === undefined)
      problems.push(
        `Resource "${id}" must say ${rightSpelling}="sco" (SCORM ${version === "scorm12" ? "1.2" : "2004"} spelling).`,
      );
    for (const file of (resource.file as Record<string, unknown>[] | undefined) ?? []) listed.add(str(file["@href"]));
    const href = resource["@href"];
    if (href !== undefined && !listed.has(str(href)))
      problems.push(`Resource "${id}" launches ${str(href)}, which is not listed as a file.`);
  }
  const inPackage = new Set(packaged.filter((file) => file !== "imsmanifest.xml"));
  for (const file of listed)
    if (!inPackage.has(file)) problems.push(`The manifest lists ${file}, which is not in the package.`);
  for (const file of inPackage)
    if (!listed.has(file)) problems.push(`The package contains ${file}, which the manifest does not list.`);
  return problems;
}
