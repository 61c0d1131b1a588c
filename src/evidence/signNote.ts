// Signing a c2sp.org signed note with an Ed25519 key, on the server (node:crypto); opening one is
// signedNote.ts, which runs in the browser too.
import { createHash, createPublicKey, sign, type KeyObject } from "node:crypto";
import { fromBase64Url, toBase64 } from "./base64.ts";
import { originProblem } from "./checkpoint.ts";
import { noteTextProblem, SIGNATURE_PREFIX } from "./signedNote.ts";

/** The raw 32-byte public key of an Ed25519 key (private or public). */
export function ed25519PublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== "ed25519")
    throw new TypeError(`Signed notes are signed with Ed25519 keys, not ${key.asymmetricKeyType ?? key.type} keys.`);
  const { x } = (key.type === "private" ? createPublicKey(key) : key).export({ format: "jwk" });
  const raw = fromBase64Url(x ?? "");
  if (raw?.length !== 32) throw new TypeError("The Ed25519 key's public part is not 32 bytes.");
  return raw;
}

/**
 * `text` (which ends with a newline) signed by `privateKey` under `name`: the text, a blank line and
 * "— name base64(key hash ‖ signature)". The key hash is the first 4 bytes of
 * SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), as in the c2sp.org signed-note spec.
 */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (privateKey.type !== "private") throw new TypeError("A note is signed with a private key.");
  const nameIssue = originProblem(name);
  if (nameIssue) throw new TypeError(`The note's key name ${JSON.stringify(name)} ${nameIssue}.`);
  if (!text.endsWith("\n")) throw new TypeError("A note's text ends with a newline.");
  const textIssue = noteTextProblem(text);
  if (textIssue) throw new TypeError(`A note's text cannot be signed: it ${textIssue}.`);
  const keyHash = createHash("sha256")
    .update(name, "utf8")
    .update(Buffer.from([0x0a, 0x01]))
    .update(ed25519PublicKey(privateKey))
    .digest()
    .subarray(0, 4);
  const signature = sign(null, Buffer.from(text, "utf8"), privateKey);
  return `${text}\n${SIGNATURE_PREFIX}${name} ${toBase64(Buffer.concat([keyHash, signature]))}\n`;
}
