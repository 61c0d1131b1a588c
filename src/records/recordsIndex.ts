import { nameKey } from "../lib/sameName.ts";
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
  /** The result's score, from 0 to 1 (in thousandths), and its attempt number. */
  readonly score: number;
  readonly attempt: number;
  /** The typed signature as nameKey gives it: whether it is the roster's name, without keeping the name. */
  readonly nameKey: number;
  /** The clauses behind the choices that were not fully correct, once per such choice. */
  readonly missed: readonly string[];
  readonly learner: LearnerHistory;
}

/** One identity records were made under (an id, an email, and whether it was typed), with its records. */
export interface LearnerHistory extends LearnerRef {
  readonly recordCount: number;
  /** Its records, oldest first. Made on each call from the index's columns: hold them only while needed. */
  records(): RecordSummary[];
  /**
   * Each record's month (YYYY-MM) and missed clauses, oldest first, read from the columns without
   * making its summary: the charts need no more, and a summary a record is most of their cost.
   */
  forEachMonth(visit: (month: string, missed: readonly string[]) => void): void;
}

/** The facts of one record the index is built from: from the record itself, or from a saved index. */
export interface RecordFacts {
  seq: number;
  attemptId: string;
  learner: LearnerRef;
  policy: PolicyRef;
  mode: Mode;
  recordedAt: string;
  /** From 0 to 1, kept in thousandths. */
  score: number;
  attempt: number;
  nameKey: number;
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
    score: record.result.score,
    attempt: record.result.attempt,
    nameKey: nameKey(record.signature),
    // Every attempt's misses: the latest play of each scenario, and the earlier plays a retry replaced.
    missed: [
      ...record.result.scenarios.flatMap((s) => s.outcomes.filter((o) => o.outcome !== "correct").map((o) => o.clause)),
      ...(record.result.earlierMissed ?? []).flatMap(({ clause, count }) => Array<string>(count).fill(clause)),
    ],
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
const MODES: readonly Mode[] = ["onboarding", "refresher", "update"];

class Identity implements LearnerHistory {
  readonly seqs: number[] = [];
  readonly #index: RecordsIndex;
  readonly id: string;
  readonly email: string;
  readonly selfAsserted: boolean;

  constructor(index: RecordsIndex, { id, email, selfAsserted }: LearnerRef) {
    this.#index = index;
    this.id = id;
    this.email = email;
    this.selfAsserted = selfAsserted;
  }

  get recordCount(): number {
    return this.seqs.length;
  }

  records(): RecordSummary[] {
    return this.seqs.map((seq) => this.#index.summary(seq) as RecordSummary);
  }

  forEachMonth(visit: (month: string, missed: readonly string[]) => void): void {
    for (const seq of this.seqs) this.#index.visitMonth(seq, visit);
  }
}

/**
 * The records' indexes, kept up to date as records are appended. Memory grows with a few numbers
 * per record (columns by seq) and its attempt id, not with objects per record: at a million records
 * objects would be most of the server's heap, and what each major collection has to walk. Repeated
 * text (identities, clause ids, policies) is stored once and referred to by number.
 */
export class RecordsIndex implements RecordsView {
  // Columns, one entry per record, by seq - 1.
  private readonly attemptIds: string[] = [];
  /** Milliseconds since the epoch; NaN when the text is not what toISOString gives back (then in `oddTimes`). */
  private readonly times: number[] = [];
  private readonly oddTimes = new Map<number, string>();
  private readonly learnerOf: number[] = [];
  /** The policy's number times the number of modes, plus the mode's. */
  private readonly policyAndMode: number[] = [];
  /** The attempt number times 1024, plus the score in thousandths (at most 1000): one small integer. */
  private readonly attemptAndScore: number[] = [];
  private readonly nameKeys: number[] = [];
  /** Where the record's missed clauses start in `missedClauses`; they end where the next record's start. */
  private readonly missedFrom: number[] = [];
  private readonly missedClauses: number[] = [];

  private readonly attempts = new Map<string, number>();
  private readonly identities = new Map<string, number>();
  private readonly learnerList: Identity[] = [];
  private readonly byId = new Map<string, Identity[]>();
  private readonly policyKeys = new Map<string, number>();
  private readonly policyList: PolicyRef[] = [];
  private readonly clauseNumbers = new Map<string, number>();
  private readonly clauseList: string[] = [];
  readonly perMonth = new Map<string, number>();
  readonly missedByClause = new Map<string, number>();

  get count(): number {
    return this.attemptIds.length;
  }

  /** Adds the next record (its seq must follow the last one's). */
  add(facts: RecordFacts): void {
    if (facts.seq !== this.count + 1) throw new Error(`index: record ${facts.seq} added after ${this.count}`); // a bug, not bad data
    const i = this.count;
    this.attemptIds.push(facts.attemptId);
    this.attempts.set(facts.attemptId, facts.seq);
    const time = Date.parse(facts.recordedAt);
    const exact = Number.isFinite(time) && new Date(time).toISOString() === facts.recordedAt;
    this.times.push(exact ? time : NaN);
    if (!exact) this.oddTimes.set(i, facts.recordedAt);
    const learner = this.identity(facts.learner);
    this.learnerOf.push(learner);
    (this.learnerList[learner] as Identity).seqs.push(facts.seq);
    this.policyAndMode.push(this.policy(facts.policy) * MODES.length + MODES.indexOf(facts.mode));
    this.attemptAndScore.push(facts.attempt * 1024 + Math.round(facts.score * 1000));
    this.nameKeys.push(facts.nameKey);
    this.missedFrom.push(this.missedClauses.length);
    for (const clause of facts.missed) {
      this.missedClauses.push(this.clause(clause));
      this.missedByClause.set(clause, (this.missedByClause.get(clause) ?? 0) + 1);
    }
    const month = facts.recordedAt.slice(0, 7);
    this.perMonth.set(month, (this.perMonth.get(month) ?? 0) + 1);
  }

  summary(seq: number): RecordSummary | undefined {
    const i = seq - 1;
    const attemptId = this.attemptIds[i];
    if (attemptId === undefined) return undefined;
    const policyAndMode = this.policyAndMode[i] as number;
    const attemptAndScore = this.attemptAndScore[i] as number;
    return {
      seq,
      attemptId,
      recordedAt: this.recordedAt(i),
      mode: MODES[policyAndMode % MODES.length] as Mode,
      policy: this.policyList[Math.floor(policyAndMode / MODES.length)] as PolicyRef,
      score: (attemptAndScore % 1024) / 1000,
      attempt: Math.floor(attemptAndScore / 1024),
      nameKey: this.nameKeys[i] as number,
      missed: this.missed(i),
      learner: this.learnerList[this.learnerOf[i] as number] as Identity,
    };
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
    return [...new Set(this.policyList.map((p) => p.version))];
  }

  /** Every record's facts, oldest first: what a saved index holds. */
  *facts(upTo = this.count): Iterable<RecordFacts> {
    for (let seq = 1; seq <= upTo; seq++) {
      const { learner, ...summary } = this.summary(seq) as RecordSummary;
      yield { ...summary, learner: { id: learner.id, email: learner.email, selfAsserted: learner.selfAsserted } };
    }
  }

  /** Months by day since the epoch: a record's month without making a Date for it. */
  private readonly monthOfDay = new Map<number, string>();

  /** Record `seq`'s month and missed clauses, for LearnerHistory.forEachMonth. */
  visitMonth(seq: number, visit: (month: string, missed: readonly string[]) => void): void {
    const i = seq - 1;
    const time = this.times[i] as number;
    let month: string;
    if (Number.isNaN(time)) month = (this.oddTimes.get(i) as string).slice(0, 7);
    else {
      const day = Math.floor(time / 86_400_000);
      month = this.monthOfDay.get(day) ?? new Date(time).toISOString().slice(0, 7);
      this.monthOfDay.set(day, month);
    }
    visit(month, this.missed(i));
  }

  private recordedAt(i: number): string {
    const time = this.times[i] as number;
    return Number.isNaN(time) ? (this.oddTimes.get(i) as string) : new Date(time).toISOString();
  }

  private missed(i: number): readonly string[] {
    const from = this.missedFrom[i] as number;
    const to = this.missedFrom[i + 1] ?? this.missedClauses.length;
    return from === to ? NONE : this.missedClauses.slice(from, to).map((n) => this.clauseList[n] as string);
  }

  private identity({ id, email, selfAsserted }: LearnerRef): number {
    const key = `${selfAsserted ? "typed" : "sso"}\n${id}\n${email}`;
    let known = this.identities.get(key);
    if (known === undefined) {
      const identity = new Identity(this, { id, email, selfAsserted });
      this.identities.set(key, (known = this.learnerList.push(identity) - 1));
      const withId = this.byId.get(id);
      if (withId) withId.push(identity);
      else this.byId.set(id, [identity]);
    }
    return known;
  }

  private policy({ version, hash }: PolicyRef): number {
    const key = `${version}\n${hash}`;
    let known = this.policyKeys.get(key);
    if (known === undefined) this.policyKeys.set(key, (known = this.policyList.push({ version, hash }) - 1));
    return known;
  }

  private clause(clause: string): number {
    let known = this.clauseNumbers.get(clause);
    if (known === undefined) this.clauseNumbers.set(clause, (known = this.clauseList.push(clause) - 1));
    return known;
  }
}
