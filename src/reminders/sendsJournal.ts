import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SendsLines } from "../records/sendsLines.ts";

/**
 * How long a claim without a "sent" holds its key. A pass that crashed between claiming and
 * marking leaves such a claim; after this long another pass may send again (at least once rather
 * than never: a missed reminder is the failure HR notices; the retry carries the same Message-ID,
 * so a mail system that got the first copy can drop the second). It is far longer than a send may
 * take (the mailer gives up on a mail server after a minute).
 */
export const CLAIM_TIMEOUT_MS = 15 * 60_000;

const Line = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("claim"),
    key: z.string(),
    claim: z.string(),
    at: z.string(),
    kind: z.string(),
    to: z.string(),
    employeeId: z.string().optional(),
  }),
  z.object({
    type: z.literal("sent"),
    key: z.string(),
    claim: z.string(),
    at: z.string(),
    messageId: z.string(),
    subject: z.string(),
  }),
  z.object({ type: z.literal("failed"), key: z.string(), claim: z.string(), at: z.string(), error: z.string() }),
]);
type Line = z.output<typeof Line>;
type ClaimLine = Extract<Line, { type: "claim" }>;

export interface KeyState {
  /** The claim that holds the key: the first one, or the first after an earlier one timed out or failed. */
  owner?: { claim: string; at: string };
  sent?: { at: string; messageId: string };
}

/**
 * The sends journal: one JSON line per claim, send and failure, appended and never rewritten, in
 * the records store (`data/reminders.jsonl` beside the embedded store, a table on PostgreSQL). It
 * is HR's evidence of every reminder (to whom, when, its Message-ID) and the one place that decides
 * who may send: every process (each server's scheduler, `npm run reminders`) appends its claim and
 * then reads the lines back; the first live claim in their order owns the key, the same answer for
 * every reader, so two passes at once send once.
 */
export class SendsJournal {
  private readonly keys = new Map<string, KeyState>();
  private readonly lines: SendsLines;
  private readonly warn: (message: string) => void;

  private constructor(lines: SendsLines, warn: (message: string) => void) {
    this.lines = lines;
    this.warn = warn;
  }

  /** Opens the journal on the store's lines, reading what they hold. */
  static async open(lines: SendsLines, warn: (message: string) => void): Promise<SendsJournal> {
    const journal = new SendsJournal(lines, warn);
    await journal.refresh();
    return journal;
  }

  state(key: string): KeyState | undefined {
    return this.keys.get(key);
  }

  /** Whether `key` is sent, or held by a claim younger than the timeout at `now`. */
  taken(key: string, now: Date): "sent" | "claimed" | undefined {
    const state = this.keys.get(key);
    if (state?.sent) return "sent";
    if (state?.owner && now.getTime() - Date.parse(state.owner.at) < CLAIM_TIMEOUT_MS) return "claimed";
    return undefined;
  }

  /** Claims `key` for one send: the claim's id when it owns the key (the caller may send), undefined when another does. */
  async claim(
    key: string,
    now: Date,
    what: Omit<ClaimLine, "type" | "key" | "claim" | "at">,
  ): Promise<string | undefined> {
    await this.refresh();
    if (this.taken(key, now)) return undefined;
    const claim = randomUUID();
    await this.append({ type: "claim", key, claim, at: now.toISOString(), ...what });
    await this.refresh();
    return this.keys.get(key)?.owner?.claim === claim && !this.keys.get(key)?.sent ? claim : undefined;
  }

  async sent(key: string, claim: string, now: Date, messageId: string, subject: string): Promise<void> {
    await this.append({ type: "sent", key, claim, at: now.toISOString(), messageId, subject });
  }

  /** Gives the key up after a send that failed, so that the next pass tries again at once. */
  async failed(key: string, claim: string, now: Date, error: string): Promise<void> {
    await this.append({ type: "failed", key, claim, at: now.toISOString(), error });
  }

  async close(): Promise<void> {
    await this.lines.close();
  }

  private async append(line: Line): Promise<void> {
    // A claim is durable before its mail goes, a "sent" before the pass moves on.
    await this.lines.append(JSON.stringify(line));
  }

  /** Reads what was appended since the last read (by any process) and applies it. */
  async refresh(): Promise<void> {
    for (const raw of await this.lines.readNew()) this.apply(raw);
  }

  private apply(raw: string): void {
    let line: Line;
    try {
      line = Line.parse(JSON.parse(raw));
    } catch {
      // A line cut short by a crash, joined to the next: neither claim owns anything, so at worst
      // its mail waits for a later pass. Nothing is sent on the strength of a line that cannot be read.
      this.warn(`${this.lines.where}: skipped a line that is not a whole journal entry: ${raw.slice(0, 120)}`);
      return;
    }
    const state = this.keys.get(line.key) ?? {};
    this.keys.set(line.key, state);
    if (line.type === "claim") {
      const stale = state.owner && Date.parse(line.at) - Date.parse(state.owner.at) >= CLAIM_TIMEOUT_MS;
      if (!state.sent && (!state.owner || stale)) state.owner = { claim: line.claim, at: line.at };
    } else if (line.type === "sent") state.sent ??= { at: line.at, messageId: line.messageId };
    else if (state.owner?.claim === line.claim) delete state.owner;
  }
}
