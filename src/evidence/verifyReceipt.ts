// Checking a signed receipt with nothing but the site's public keys: in Node (npm run
// verify-receipt) and in the browser (/verify), so no zod and no node: imports here. Each check
// that fails says which it was and what it means, in words a learner or an auditor can act on.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from "jose";
import { fromBase64 } from "./base64.ts";
import { CheckpointError, parseCheckpoint, type ParsedCheckpoint } from "./checkpoint.ts";
import { readJwks } from "./jwksKeys.ts";
import { leafHash, verifyInclusion } from "./merkleVerify.ts";
import { RECEIPT_ALG, RECEIPT_TYP, summaryMatchesLine, type ReceiptSummary } from "./receiptFormat.ts";
import { checkReceiptPayload } from "./receiptShape.ts";
import { openNote, SIGNATURE_PREFIX } from "./signedNote.ts";

export type VerifiedReceipt =
  | { ok: true; summary: ReceiptSummary; checkpoint: { origin: string; size: number }; kid: string }
  | {
      ok: false;
      problem: string;
      /** What the problem is with: the receipt, or the public keys it was checked against (a form shows it there). */
      subject: "receipt" | "keys";
    };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const NOT_A_RECEIPT =
  "This is not a receipt: a receipt is a compact JWS, three base64url parts joined by dots (the .jws file the receipt page offers). Check that it was copied whole.";
const ALTERED = "it was altered after it was signed, or it was not issued by this site";

/**
 * Checks a receipt (a compact JWS; surrounding whitespace is ignored) against the public keys of a
 * JWKS (its JSON text or value): the JWS signature and type, the payload's shape, that its summary
 * is what the record's line says, that the checkpoint is signed by one of the keys under its
 * origin, and that the line is in the tree of that checkpoint.
 */
export async function verifyReceipt(receipt: string, jwksInput: unknown): Promise<VerifiedReceipt> {
  const fail = (problem: string, subject: "receipt" | "keys" = "receipt"): VerifiedReceipt => ({
    ok: false,
    problem,
    subject,
  });
  const jws = receipt.trim();
  if (!COMPACT_JWS.test(jws)) return fail(NOT_A_RECEIPT);
  const jwks = readJwks(jwksInput);
  if (!jwks.ok) return fail(jwks.problem, "keys");

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return fail(NOT_A_RECEIPT);
  }
  if (header.typ !== RECEIPT_TYP)
    return fail(
      `This is not an acknowledgement receipt: its type is ${JSON.stringify(header.typ ?? "(none)")}, where a receipt's is "${RECEIPT_TYP}".`,
    );
  if (header.alg !== RECEIPT_ALG)
    return fail(
      `The receipt says it is signed with ${JSON.stringify(header.alg)}, but receipts are signed with Ed25519: ${ALTERED}.`,
    );
  const kid = header.kid;
  if (typeof kid !== "string" || kid === "") return fail(`The receipt names no key (kid) that signed it: ${ALTERED}.`);

  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jws, createLocalJWKSet(jwks.jwks), { algorithms: [RECEIPT_ALG] }));
  } catch (error) {
    return fail(
      signatureProblem(
        error,
        kid,
        jwks.keys.map((key) => key.kid),
      ),
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payloadBytes));
  } catch {
    return fail("The receipt's signature is valid, but its content is not JSON: it was not made by this software.");
  }
  const checked = checkReceiptPayload(value);
  if (!checked.ok)
    return fail(
      `The receipt's signature is valid, but its content is not a receipt this verifier reads: ${checked.problem}.`,
    );
  const { record, line, inclusion, checkpoint: note } = checked.payload;

  let lineValue: unknown;
  try {
    lineValue = JSON.parse(line);
  } catch {
    return fail("The record's journal line in the receipt is not JSON: the receipt is damaged.");
  }
  if (!summaryMatchesLine(record, lineValue))
    return fail(
      "The receipt's summary of the record (who, which policy, what result, when) differs from the record's journal line it carries: the receipt was put together wrongly or altered.",
    );
  if (inclusion.index !== record.seq - 1)
    return fail(
      `The record is number ${record.seq} of the journal, but the receipt's proof is for record ${inclusion.index + 1}: the receipt's parts do not belong together.`,
    );

  // The origin names the key the checkpoint is signed with: read it before the signature is checked,
  // then read the checkpoint again from the text the signature covers.
  const claimedOrigin = originOf(note);
  if (!claimedOrigin.ok) return fail(claimedOrigin.problem);
  const opened = await openNote(
    note,
    jwks.keys.map(({ kid: keyId, publicKey }) => ({ name: claimedOrigin.origin, publicKey, kid: keyId })),
  );
  if (!opened.ok) return fail(checkpointProblem(opened.reason, opened.problem));
  const read = readCheckpoint(opened.text);
  if (!read.ok) return fail(read.problem);
  const { checkpoint } = read;
  if (inclusion.size !== checkpoint.size)
    return fail(
      `The receipt's inclusion proof is for a journal of ${inclusion.size} records, but its checkpoint is of ${checkpoint.size}: the receipt's parts do not belong together.`,
    );
  const included = await verifyInclusion(
    await leafHash(new TextEncoder().encode(line)),
    inclusion.index,
    inclusion.size,
    inclusion.hashes.map((hash) => fromBase64(hash) as Uint8Array),
    checkpoint.root,
  );
  if (!included)
    return fail(
      `The record is not in the log: its inclusion proof does not lead to the root of the checkpoint (${checkpoint.origin}, ${checkpoint.size} records). The record or the proof was altered, or the record was never part of that journal.`,
    );
  return { ok: true, summary: record, checkpoint: { origin: checkpoint.origin, size: checkpoint.size }, kid };
}

function signatureProblem(error: unknown, kid: string, kids: string[]): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ERR_JWKS_NO_MATCHING_KEY")
    return `The receipt is signed by another key: its key id ${kid} is not among the public keys given (${kids.join(", ")}). Use this site's public keys (/.well-known/jwks.json, or the evidence pack); if they are, the receipt was not issued by this site.`;
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED")
    return `The receipt's signature does not match its content (key ${kid}): ${ALTERED}.`;
  return `The receipt's signature cannot be checked (${(error as Error).message}): ${ALTERED}.`;
}

/** The origin the checkpoint's text claims, read without the signature checked. */
function originOf(note: string): { ok: true; origin: string } | { ok: false; problem: string } {
  const split = note.lastIndexOf(`\n\n${SIGNATURE_PREFIX}`);
  const read = readCheckpoint(note.slice(0, split < 0 ? note.length : split + 1));
  return read.ok ? { ok: true, origin: read.checkpoint.origin } : read;
}

function readCheckpoint(text: string): { ok: true; checkpoint: ParsedCheckpoint } | { ok: false; problem: string } {
  try {
    return { ok: true, checkpoint: parseCheckpoint(text) };
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    return { ok: false, problem: `The receipt's checkpoint is damaged. ${error.message}` };
  }
}

function checkpointProblem(reason: "malformed" | "unknown-key" | "bad-signature", problem: string): string {
  if (reason === "unknown-key")
    return `The receipt's checkpoint is signed by another key: none of the public keys given signed it. Use this site's public keys (/.well-known/jwks.json, or the evidence pack); if they are, the checkpoint was not published by this site. (${problem})`;
  if (reason === "bad-signature")
    return `The receipt's checkpoint was altered after it was signed: its signature does not match its text. (${problem})`;
  return `The receipt's checkpoint is damaged. ${problem}`;
}
