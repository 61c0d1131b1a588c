// Validates a course description against the official schemas in scorm/schemas/, in process and
// offline: an imsmanifest.xml (SCORM 1.2 or 2004 4th Edition, told apart by its namespace) or a
// cmi5.xml. libxml2, compiled to WebAssembly (xmllint-wasm), sees only the files handed to it.
import { readdirSync, readFileSync } from "node:fs";
import { validateXML, type XMLFileInfo } from "xmllint-wasm";

export type CourseFormat = "SCORM 1.2" | "SCORM 2004 4th Edition" | "cmi5";

export interface SchemaProblem {
  /** The name the caller gave the document. */
  file: string;
  /** Where the schema found the problem; absent when the document has no known format. */
  line?: number;
  /** libxml2's message, as the schema validator words it. */
  message: string;
}

export interface SchemaVerdict {
  /** The format the document declares; undefined when its root namespace is none of them. */
  format: CourseFormat | undefined;
  problems: SchemaProblem[];
}

interface SchemaSet {
  format: CourseFormat;
  /** The root element's namespace, which says which schemas apply. */
  namespace: string;
  /** The folder under scorm/schemas/ and the schema that imports the rest. */
  folder: string;
  entry: string;
  /** What the document is called inside the validator (the name its messages start with). */
  document: string;
}

const SCHEMA_SETS: SchemaSet[] = [
  {
    format: "SCORM 1.2",
    namespace: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    folder: "scorm12",
    entry: "driver.xsd",
    document: "imsmanifest.xml",
  },
  {
    format: "SCORM 2004 4th Edition",
    namespace: "http://www.imsglobal.org/xsd/imscp_v1p1",
    folder: "scorm2004-4th",
    entry: "driver.xsd",
    document: "imsmanifest.xml",
  },
  {
    format: "cmi5",
    namespace: "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
    folder: "cmi5",
    entry: "CourseStructure.xsd",
    document: "cmi5.xml",
  },
];

const SCHEMAS_DIR = new URL("./schemas/", import.meta.url);

/** Checks `xml` against the schemas of the format it declares. `file` names it in the problems. */
export async function validateManifest(xml: string, file: string): Promise<SchemaVerdict> {
  const namespace = rootNamespace(xml);
  const set = SCHEMA_SETS.find((candidate) => candidate.namespace === namespace);
  if (!set)
    return {
      format: undefined,
      problems: [
        {
          file,
          message: `Not a SCORM 1.2, SCORM 2004 or cmi5 document: its root element's namespace is ${namespace ? `"${namespace}"` : "missing"}.`,
        },
      ],
    };

  let valid: boolean;
  let output: string;
  try {
    const result = await validateXML({
      xml: { fileName: set.document, contents: xml },
      schema: schemaFile(set, set.entry),
      preload: schemaFiles(set),
    });
    ({ valid, rawOutput: output } = result);
  } catch (error) {
    // xmllint-wasm rejects when xmllint exits with anything but "valid" or "invalid": a document that
    // is not well-formed XML (its lines name the document), or schemas that do not compile (a bug here).
    output = (error as Error).message;
    if (!linesAbout(set.document, output).length)
      throw new Error(`The ${set.format} schemas in scorm/schemas/${set.folder}/ did not compile:\n${output}`, {
        cause: error,
      });
    valid = false;
  }
  if (valid) return { format: set.format, problems: [] };

  // Only lines that point into the document are problems with it. That leaves out what libxml2 says
  // about the schemas themselves: SCORM 1.2's ims_xml.xsd warns on every run that "xml namespace URI
  // cannot be the default namespace", and the 2004 driver's early import of xml.xsd is reported as
  // "Skipping import of schema located at 'http://www.w3.org/2001/xml.xsd'". Neither is a problem.
  const problems = linesAbout(set.document, output).map(({ line, message }) => ({ file, line, message }));
  // An invalid verdict never passes silently, even if libxml2 words it in a way not foreseen here.
  return { format: set.format, problems: problems.length ? problems : [{ file, message: output.trim() }] };
}

/** The namespace of the first element, from its own (possibly prefixed) namespace declaration. */
function rootNamespace(xml: string): string | undefined {
  const root = /<(?![?!])(?:([\w.-]+):)?[\w.-]+([^>]*)>/.exec(xml);
  if (!root) return undefined;
  const attribute = root[1] ? `xmlns:${root[1]}` : "xmlns";
  return new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']*)["']`).exec(root[2] ?? "")?.[1];
}

/** xmllint's "document:line: message" lines about `document`. */
function linesAbout(document: string, output: string): { line: number; message: string }[] {
  const prefix = `${document}:`;
  return output.split("\n").flatMap((text) => {
    const match = text.startsWith(prefix) ? /^(\d+): (.*)$/.exec(text.slice(prefix.length)) : null;
    const message = match?.[2] ?? "";
    // xmllint-wasm 4 stores a string with its C terminator; once a document is broken, libxml2 also
    // complains about that NUL, which is not in the caller's text.
    return match && !message.endsWith("Char 0x0 out of allowed range") ? [{ line: Number(match[1]), message }] : [];
  });
}

// xmllint-wasm 4 keeps its files in one flat in-memory folder, which suits one schema set at a time:
// the imports name their neighbours without a path.
function schemaFile(set: SchemaSet, name: string): XMLFileInfo {
  return { fileName: name, contents: readFileSync(new URL(`${set.folder}/${name}`, SCHEMAS_DIR), "utf8") };
}

/** Every schema of the set but its entry point, for the imports and includes to find. */
function schemaFiles(set: SchemaSet): XMLFileInfo[] {
  return readdirSync(new URL(`${set.folder}/`, SCHEMAS_DIR))
    .filter((name) => name.endsWith(".xsd") && name !== set.entry)
    .map((name) => schemaFile(set, name));
}
