// What a signed receipt holds, shared by the server that signs it (receipt.ts) and every verifier
// (verifyReceipt.ts, in Node and in the browser): no zod and no node: imports here, so that the
// /verify page ships only what it runs.
/** The JWS `typ` of a receipt: says what the signed content is, so that no other JWS passes for one. */
export const RECEIPT_TYP = "aup-receipt+jws";
/** RFC 9864's fully specified name for Ed25519 signatures. */
export const RECEIPT_ALG = "Ed25519";
export const RECEIPT_VERSION = 1;

/** Who acknowledged what and when: the fields of the record a person reads, picked from its journal line. */
export interface ReceiptSummary {
  id: string;
  seq: number;
  learner: { id: string; name: string; email: string; department?: string; selfAsserted?: boolean };
  policy: { version: string; hash: string };
  result: { mode: string; score: number; passed: boolean; attemptId: string };
  recordedAt: string;
  hash: string;
}

export interface ReceiptPayload {
  v: typeof RECEIPT_VERSION;
  record: ReceiptSummary;
  /** The record's exact line of the journal, without the newline: the leaf of the log. */
  line: string;
  /** The RFC 9162 inclusion proof of the line in the tree of the checkpoint; hashes in base64. */
  inclusion: { index: number; size: number; hashes: string[] };
  /** The signed checkpoint (a c2sp signed note) the record is included in. */
  checkpoint: string;
}

/**
 * The summary of a record, from the value of its journal line. Both sides build it with this one
 * function, so the summary a receipt shows is the line's, field for field; a field the line lacks
 * stays out and then fails the comparison (receiptSummaryMatches).
 */
export function summaryOf(value: unknown): ReceiptSummary {
  const record = asObject(value);
  const learner = asObject(record.learner);
  const policy = asObject(record.policy);
  const result = asObject(record.result);
  return {
    id: record.id,
    seq: record.seq,
    learner: {
      id: learner.id,
      name: learner.name,
      email: learner.email,
      ...(learner.department === undefined ? {} : { department: learner.department }),
      ...(learner.selfAsserted === undefined ? {} : { selfAsserted: learner.selfAsserted }),
    },
    policy: { version: policy.version, hash: policy.hash },
    result: { mode: result.mode, score: result.score, passed: result.passed, attemptId: result.attemptId },
    recordedAt: record.recordedAt,
    hash: record.hash,
  } as ReceiptSummary;
}

/**
 * Whether the summary a receipt carries is exactly the one its line gives. Both are rebuilt by
 * summaryOf, which writes the fields in one order, so their JSON is equal only when every field is;
 * fields a summary does not have are refused by the payload's shape check before this.
 */
export function summaryMatchesLine(summary: ReceiptSummary, lineValue: unknown): boolean {
  return JSON.stringify(summaryOf(summary)) === JSON.stringify(summaryOf(lineValue));
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
