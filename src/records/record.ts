/** One acknowledgement as stored in the journal: the evidence HR relies on. */
export interface AcknowledgementRecord {
  /** Position in the journal, from 1. */
  seq: number;
  id: string;
  learner: {
    id: string;
    name: string;
    email: string;
    department?: string;
    /** True when the learner typed who they are (form identity) rather than single sign-on vouching for it. */
    selfAsserted: boolean;
  };
  policy: { version: string; hash: string };
  result: {
    mode: "onboarding" | "refresher";
    score: number;
    passed: boolean;
    attempt: number;
    attemptId: string;
    scenarios: {
      id: string;
      score: number;
      outcomes: { clause: string; outcome: "correct" | "partial" | "incorrect" }[];
    }[];
  };
  /** The full name the learner typed as a signature. */
  signature: string;
  /** Server time the record was made durable, ISO 8601. */
  recordedAt: string;
  source: "site" | "lms";
  /** Hash of the previous record ("0" × 64 for the first), and this record's hash over it and its content. */
  prevHash: string;
  hash: string;
}

/** What a caller supplies; the journal adds the position, id, time and chain. */
export type NewAcknowledgement = Omit<AcknowledgementRecord, "seq" | "id" | "recordedAt" | "prevHash" | "hash">;

export const GENESIS_HASH = "0".repeat(64);
