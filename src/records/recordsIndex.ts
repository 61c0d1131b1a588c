import type { AcknowledgementRecord } from "./record.ts";

type Mode = AcknowledgementRecord["result"]["mode"];
type PolicyRef = AcknowledgementRecord["policy"];
type LearnerRef = Pick<AcknowledgementRecord["learner"], "id" | "email" | "selfAsserted">;

/**
 * What the server keeps of one record, instead of the record: enough for status, idempotency, the
 * charts and the refresher. The record itself stays on disk and is read back by its position.
 */
export interface RecordSummary {
  readonly seq: number;
  readonly attemptId: string;
  readonly recordedAt: string;
  readonly mode: Mode;
  readonly policy: PolicyRef;
  /** The clauses behind the choices that were not fully correct, once per such choice. */
  readonly missed: readonly string[];
  readonly learner: LearnerHistory;
}

/** One identity records were made under (an id, an email, and whether it was typed), with its records. */
export interface LearnerHistory extends LearnerRef {
  /** Oldest first. */
  readonly records: readonly RecordSummary[];
}

/** The facts of one record the index is built from: from the record itself, or from a saved index. */
export interface RecordFacts {
  seq: number;
  attemptId: string;
  learner: LearnerRef;
  policy: PolicyRef;
  mode: Mode;
  recordedAt: string;
  missed: readonly string[];
}

export function factsOf(record: AcknowledgementRecord): RecordFacts {
  const { seq, learner, policy, recordedAt } = record;
  return {
    seq,
    attemptId: record.result.attemptId,
    learner: { id: learner.id, email: learner.email, selfAsserted: learner.selfAsserted },
    policy,
    mode: record.result.mode,
    recordedAt,
    missed: record.result.scenarios.flatMap((s) =>
      s.outcomes.filter((o) => o.outcome !== "correct").map((o) => o.clause),
    ),
  };
}

/** What the rest of the server reads from the index. */
export interface RecordsView {
  /** How many records the journal holds. */
  readonly count: number;
  summary(seq: number): RecordSummary | undefined;
  /** The position of the record made for an attempt, if there is one. */
  seqOfAttempt(attemptId: string): number | undefined;
  /** Every identity records were made under, in the order first seen. */
  learners(): readonly LearnerHistory[];
  /** The identities that carry this employee id (typed, or vouched for by single sign-on). */
  learnersWithId(id: string): readonly LearnerHistory[];
  /** Acknowledgements per month (YYYY-MM). */
  readonly perMonth: ReadonlyMap<string, number>;
  /** Missed choices per clause, over every record. */
  readonly missedByClause: ReadonlyMap<string, number>;
  /** Policy versions acknowledged, in the order first seen. */
  versions(): string[];
}

const NONE: readonly string[] = [];

/**
 * The records' indexes, kept up to date as records are appended: memory grows with a few small
 * fields per record, not with the records. Repeated text (clause ids, policies) is stored once.
 */
export class RecordsIndex implements RecordsView {
  private readonly bySeq: RecordSummary[] = [];
  private readonly attempts = new Map<string, number>();
  private readonly identities = new Map<string, { learner: LearnerHistory; records: RecordSummary[] }>();
  private readonly learnerList: LearnerHistory[] = [];
  private readonly byId = new Map<string, LearnerHistory[]>();
  private readonly policies = new Map<string, PolicyRef>();
  private readonly clauses = new Map<string, string>();
  readonly perMonth = new Map<string, number>();
  readonly missedByClause = new Map<string, number>();

  get count(): number {
    return this.bySeq.length;
  }

  /** Adds the next record (its seq must follow the last one's). */
  add(facts: RecordFacts): void {
    if (facts.seq !== this.bySeq.length + 1)
      throw new Error(`index: record ${facts.seq} added after ${this.bySeq.length}`); // a bug, not bad data
    const { learner } = facts;
    const key = `${learner.selfAsserted ? "typed" : "sso"}\n${learner.id}\n${learner.email}`;
    let identity = this.identities.get(key);
    if (!identity) {
      const records: RecordSummary[] = [];
      identity = {
        learner: { id: learner.id, email: learner.email, selfAsserted: learner.selfAsserted, records },
        records,
      };
      this.identities.set(key, identity);
      this.learnerList.push(identity.learner);
      const withId = this.byId.get(learner.id);
      if (withId) withId.push(identity.learner);
      else this.byId.set(learner.id, [identity.learner]);
    }
    const policyKey = `${facts.policy.version}\n${facts.policy.hash}`;
    let policy = this.policies.get(policyKey);
    if (!policy) this.policies.set(policyKey, (policy = { version: facts.policy.version, hash: facts.policy.hash }));
    const missed = facts.missed.length ? facts.missed.map((clause) => this.clause(clause)) : NONE;
    const summary: RecordSummary = {
      seq: facts.seq,
      attemptId: facts.attemptId,
      recordedAt: facts.recordedAt,
      mode: facts.mode,
      policy,
      missed,
      learner: identity.learner,
    };
    this.bySeq.push(summary);
    identity.records.push(summary);
    this.attempts.set(facts.attemptId, facts.seq);
    const month = facts.recordedAt.slice(0, 7);
    this.perMonth.set(month, (this.perMonth.get(month) ?? 0) + 1);
    for (const clause of missed) this.missedByClause.set(clause, (this.missedByClause.get(clause) ?? 0) + 1);
  }

  summary(seq: number): RecordSummary | undefined {
    return this.bySeq[seq - 1];
  }

  seqOfAttempt(attemptId: string): number | undefined {
    return this.attempts.get(attemptId);
  }

  learners(): readonly LearnerHistory[] {
    return this.learnerList;
  }

  learnersWithId(id: string): readonly LearnerHistory[] {
    return this.byId.get(id) ?? [];
  }

  versions(): string[] {
    return [...new Set([...this.policies.values()].map((p) => p.version))];
  }

  /** Every record's facts, oldest first: what a saved index holds. */
  *facts(upTo = this.count): Iterable<RecordFacts> {
    for (let i = 0; i < upTo; i++) {
      const { learner, ...summary } = this.bySeq[i] as RecordSummary;
      yield { ...summary, learner: { id: learner.id, email: learner.email, selfAsserted: learner.selfAsserted } };
    }
  }

  private clause(clause: string): string {
    let known = this.clauses.get(clause);
    if (known === undefined) this.clauses.set(clause, (known = clause));
    return known;
  }
}
