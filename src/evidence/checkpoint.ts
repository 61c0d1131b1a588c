// The body of a checkpoint (signed tree head) in the c2sp.org tlog-checkpoint format: the log's
// origin, the tree size in decimal and the root hash in base64, one a line, each ending in "\n".
// The spec allows further non-empty "extension" lines; this log writes none, but a reader accepts
// them (they are covered by the signature like the rest). Isomorphic: the /verify page uses it.
import { fromBase64, toBase64 } from "./base64.ts";

export interface Checkpoint {
  /** The log's name, which is also the name of the key that signs its checkpoints. */
  origin: string;
  /** How many records the tree holds. */
  size: number;
  /** The tree's root hash (RFC 9162 MTH), 32 bytes. */
  root: Uint8Array;
}

export interface ParsedCheckpoint extends Checkpoint {
  /** Extension lines after the root, as written. */
  extensions: string[];
}

const ROOT_BYTES = 32;
const SIZE = /^(?:0|[1-9][0-9]*)$/;

/** Why an origin (a signed note's key name too) cannot be one, or undefined when it can. */
export function originProblem(origin: string): string | undefined {
  if (origin === "") return "is empty";
  if (/\s/u.test(origin)) return "contains a space";
  if (origin.includes("+")) return 'contains a "+"';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(origin)) return "contains a control character";
  return undefined;
}

/** The checkpoint's text, ready to be signed as a note. Throws on a value no checkpoint can hold. */
export function formatCheckpoint({ origin, size, root }: Checkpoint): string {
  const problem = originProblem(origin);
  if (problem) throw new TypeError(`The checkpoint's origin ${JSON.stringify(origin)} ${problem}.`);
  if (!Number.isSafeInteger(size) || size < 0)
    throw new TypeError(`The checkpoint's tree size must be a whole number of records, not ${size}.`);
  if (root.length !== ROOT_BYTES)
    throw new TypeError(`The checkpoint's root hash must be ${ROOT_BYTES} bytes (SHA-256), not ${root.length}.`);
  return `${origin}\n${size}\n${toBase64(root)}\n`;
}

/** A checkpoint that cannot be read: the message says which line, what is wrong and what to do. */
export class CheckpointError extends Error {
  override name = "CheckpointError";
}

const USE_AS_PUBLISHED =
  "Use the checkpoint exactly as the server published it (GET /api/checkpoint, or the evidence pack), unedited.";

function fail(problem: string, fix = USE_AS_PUBLISHED): never {
  throw new CheckpointError(`This checkpoint cannot be read: ${problem}. ${fix}`);
}

/** Reads a checkpoint's text, refusing anything that is not exactly the format. */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  if (text === "") fail("it is empty");
  if (!text.endsWith("\n"))
    fail("its last line does not end with a newline, so it may have been cut short or copied in part");
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((line, i) => {
    if (line.includes("\r"))
      fail(
        `line ${i + 1} contains a carriage return (Windows line endings)`,
        'Checkpoints end their lines with "\\n" only: use the file as published, or convert it back (dos2unix).',
      );
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(line)) fail(`line ${i + 1} contains a control character`);
  });
  if (lines.length < 3)
    fail(
      `it has ${lines.length} line${lines.length === 1 ? "" : "s"}, where a checkpoint has at least 3 (origin, tree size, root hash)`,
    );
  const [origin = "", size = "", root = "", ...extensions] = lines;
  const originIssue = originProblem(origin);
  if (originIssue) fail(`line 1, the origin (the log's name), ${originIssue}`);
  if (!SIZE.test(size))
    fail(`line 2, the tree size, is ${JSON.stringify(size)}, not a whole number in digits without leading zeros`);
  const count = Number(size);
  if (!Number.isSafeInteger(count))
    fail(`line 2, the tree size, ${size}, is larger than any journal this log can hold`);
  const rootBytes = fromBase64(root);
  if (!rootBytes)
    fail(`line 3, the root hash, ${JSON.stringify(root)}, is not base64 as the format writes it (padded, one line)`);
  if (rootBytes.length !== ROOT_BYTES)
    fail(`line 3, the root hash, is ${rootBytes.length} bytes, where a SHA-256 root hash is ${ROOT_BYTES}`);
  const blank = extensions.indexOf("");
  if (blank >= 0)
    fail(
      `line ${blank + 4} is empty`,
      "A checkpoint has no blank lines; if this is a signed checkpoint (its signature follows a blank line), open the note first.",
    );
  return { origin, size: count, root: rootBytes, extensions };
}

/** What a signed note says, its signature unchecked: the checkpoint text before the blank line. */
export function checkpointOfNote(note: string): ParsedCheckpoint {
  const blank = note.indexOf("\n\n");
  return parseCheckpoint(blank < 0 ? note : note.slice(0, blank + 1));
}
