// Signing a learner's receipt: a compact JWS (RFC 7515) whose payload is the record's journal line,
// a summary of it, its inclusion proof and the signed checkpoint it is included in. Anyone with the
// site's public keys can check it offline (verifyReceipt.ts, npm run verify-receipt, /verify).
import type { KeyObject } from "node:crypto";
import { CompactSign } from "jose";
import { toBase64 } from "./base64.ts";
import { RECEIPT_ALG, RECEIPT_TYP, RECEIPT_VERSION, summaryOf, type ReceiptPayload } from "./receiptFormat.ts";
import { summaryProblem } from "./receiptShape.ts";

export interface InclusionProof {
  /** The record's leaf index: its position in the journal, from 0. */
  index: number;
  /** The size of the tree the proof is for: the checkpoint's. */
  size: number;
  /** RFC 9162 audit path, from the leaf up. */
  hashes: readonly Uint8Array[];
}

/**
 * A receipt's payload for the record on `line` (its journal line, without the newline). The summary
 * is read from the line itself, so it can never say something else than the record.
 */
export function receiptPayload(line: string, proof: InclusionProof, checkpointNote: string): ReceiptPayload {
  if (/[\r\n]/.test(line)) throw new TypeError("A receipt holds one journal line, without its newline.");
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new TypeError(
      `A receipt's line must be a journal record, and this is not JSON (${(error as Error).message}).`,
      { cause: error },
    );
  }
  // Held to the shape every verifier checks, so that nothing is signed that could not be verified.
  const record = summaryOf(value);
  const problem = summaryProblem(record);
  if (problem) throw new TypeError(`A receipt's line must be an acknowledgement record, and in this one ${problem}.`);
  if (record.seq !== proof.index + 1)
    throw new RangeError(
      `Record ${record.id} is number ${record.seq} in the journal, but the proof is for leaf ${proof.index} (record ${proof.index + 1}).`,
    );
  if (proof.index >= proof.size) throw new RangeError(`Leaf ${proof.index} is not in a tree of ${proof.size} records.`);
  return {
    v: RECEIPT_VERSION,
    record,
    line,
    inclusion: { index: proof.index, size: proof.size, hashes: proof.hashes.map((hash) => toBase64(hash)) },
    checkpoint: checkpointNote,
  };
}

/** The receipt as a compact JWS, signed with the server's Ed25519 key under its key id. */
export async function signReceipt(
  payload: ReceiptPayload,
  key: { privateKey: KeyObject; kid: string },
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: RECEIPT_ALG, typ: RECEIPT_TYP, kid: key.kid })
    .sign(key.privateKey);
}
