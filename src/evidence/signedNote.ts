// Opening a c2sp.org signed note (the format of Go's sumdb and of transparency-log checkpoints):
// the text, a blank line, then one line per signature, "— name base64(key hash ‖ signature)".
// Isomorphic: signatures are checked with WebCrypto, so the /verify page runs it as it is; signing
// is on the server only (signNote.ts).
import { fromBase64 } from "./base64.ts";
import { originProblem } from "./checkpoint.ts";
import { webCrypto } from "./webCrypto.ts";

/** A public key a note may be signed with, under the name it signs as (a log's origin). */
export interface NoteKey {
  name: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** The key's id in the JWKS it came from, to name it in messages. */
  kid?: string;
}

export type OpenedNote =
  | { ok: true; text: string; key: NoteKey }
  | {
      ok: false;
      /** malformed: not a signed note; unknown-key: no signature by a key given; bad-signature: altered. */
      reason: "malformed" | "unknown-key" | "bad-signature";
      problem: string;
    };

/** The signature line prefix: an em dash (U+2014) and a space. */
export const SIGNATURE_PREFIX = "\u2014 ";
/** Go's limit, so that a note cannot make a reader spend forever on signatures. */
const MAX_SIGNATURES = 100;
/** The signature type byte of Ed25519 in the key hash. */
const ED25519 = 0x01;

/** The first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key): what names the key in a signature line. */
export async function noteKeyHash(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes);
  input.set([0x0a, ED25519], nameBytes.length);
  input.set(publicKey, nameBytes.length + 2);
  return new Uint8Array(await webCrypto().digest("SHA-256", input)).slice(0, 4);
}

/** Why `text` cannot be a note's text, or undefined when it can. */
export function noteTextProblem(text: string): string | undefined {
  if (!text.isWellFormed()) return "contains text that is not valid Unicode";
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  const control = /[\u0000-\u0009\u000b-\u001f]/.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split("\n").length;
    return control[0] === "\r"
      ? `line ${line} contains a carriage return (Windows line endings), which a signed note never has`
      : `line ${line} contains a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()})`;
  }
  return undefined;
}

interface SignatureLine {
  name: string;
  keyHash: Uint8Array;
  signature: Uint8Array;
}

/**
 * Checks the note's signatures by the keys given and returns its text when one of them signed it.
 * A signature by a key not given is passed over (a note may carry others', such as witnesses'); one
 * by a key given that does not verify fails the note, as Go's note.Open does.
 */
export async function openNote(note: string, keys: readonly NoteKey[]): Promise<OpenedNote> {
  const malformed = (problem: string): OpenedNote => ({
    ok: false,
    reason: "malformed",
    problem: `The signed note is malformed: it ${problem}.`,
  });
  const textIssue = noteTextProblem(note);
  if (textIssue) return malformed(textIssue);
  const split = note.lastIndexOf("\n\n");
  if (split < 0) return malformed("has no blank line before its signatures, so it carries no signature");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === "") return malformed("has nothing after the blank line where its signatures should be");
  if (!block.endsWith("\n")) return malformed("does not end with a newline after its last signature line");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) return malformed(`has ${lines.length} signatures, more than ${MAX_SIGNATURES}`);
  const signatures: SignatureLine[] = [];
  for (const [i, line] of lines.entries()) {
    const parsed = signatureLine(line);
    if (typeof parsed === "string") return malformed(`has a signature line (the ${ordinal(i + 1)}) that ${parsed}`);
    signatures.push(parsed);
  }

  const known = await Promise.all(
    keys.map(async (key) => ({ key, keyHash: await noteKeyHash(key.name, key.publicKey) })),
  );
  const textBytes = new TextEncoder().encode(text);
  let verifiedBy: NoteKey | undefined;
  for (const signature of signatures) {
    const matches = known.filter(
      ({ key, keyHash }) => key.name === signature.name && equalBytes(keyHash, signature.keyHash),
    );
    // Two keys can share a key hash only by chance (it is 4 bytes): try each.
    let valid: NoteKey | undefined;
    for (const { key } of matches) if (await verifies(key, signature.signature, textBytes)) valid = key;
    if (matches.length && !valid)
      return {
        ok: false,
        reason: "bad-signature",
        problem: `The signed note's signature by ${describe(matches[0]?.key)} does not match its text: the text was changed after it was signed.`,
      };
    verifiedBy ??= valid;
  }
  if (!verifiedBy) {
    const signers = signatures.map(({ name, keyHash }) => `${name} (key hash ${hex(keyHash)})`).join(", ");
    const given = keys.length
      ? [...new Set(keys.map((key) => key.name))].map((name) => JSON.stringify(name)).join(", ")
      : "none";
    return {
      ok: false,
      reason: "unknown-key",
      problem: `The signed note is not signed by any of the keys given: it carries signatures by ${signers}; the keys given sign as ${given}. It was signed by another key, or these are not the keys of the log that signed it.`,
    };
  }
  return { ok: true, text, key: verifiedBy };
}

/** One signature line, or what is wrong with it. */
function signatureLine(line: string): SignatureLine | string {
  if (!line.startsWith(SIGNATURE_PREFIX)) return `does not start with "\u2014 " (an em dash and a space)`;
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space < 0) return 'is not "\u2014 name signature" (no space between the name and the signature)';
  const name = rest.slice(0, space);
  const nameIssue = originProblem(name);
  if (nameIssue) return `names its key with a name that ${nameIssue}`;
  const bytes = fromBase64(rest.slice(space + 1));
  if (!bytes) return "has a signature that is not base64 as the format writes it (padded, no spaces)";
  if (bytes.length < 5) return "has a signature too short to hold a key hash and a signature";
  return { name, keyHash: bytes.slice(0, 4), signature: bytes.slice(4) };
}

async function verifies(key: NoteKey, signature: Uint8Array, text: Uint8Array): Promise<boolean> {
  const subtle = webCrypto();
  const publicKey = await subtle.importKey("raw", new Uint8Array(key.publicKey), "Ed25519", false, ["verify"]);
  return subtle.verify("Ed25519", publicKey, new Uint8Array(signature), new Uint8Array(text));
}

function describe(key: NoteKey | undefined): string {
  return key ? `${key.name}${key.kid ? ` (key ${key.kid})` : ""}` : "an unknown key";
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
