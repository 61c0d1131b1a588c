import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

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
 * The sends journal (`data/reminders.jsonl`): one JSON line per claim, send and failure, appended
 * and synced, never rewritten. It is HR's evidence of every reminder (to whom, when, its
 * Message-ID) and the one place that decides who may send: every process (the server's scheduler,
 * `npm run reminders`) appends its claim and then reads the journal back; the first live claim in
 * file order owns the key, the same answer for every reader, so two passes at once send once.
 * Appends of one small line are atomic on a local file system (O_APPEND), so lines never interleave.
 */
export class SendsJournal {
  private readonly keys = new Map<string, KeyState>();
  private offset = 0;
  private pending = "";
  readonly file: string;
  /** Undefined for a read-only journal whose file does not exist yet (a dry run on a new folder). */
  private readonly handle: FileHandle | undefined;
  private readonly warn: (message: string) => void;

  private constructor(file: string, handle: FileHandle | undefined, warn: (message: string) => void) {
    this.file = file;
    this.handle = handle;
    this.warn = warn;
  }

  /** Opens the journal; `readOnly` (a dry run) never creates or writes it. */
  static async open(file: string, warn: (message: string) => void, readOnly = false): Promise<SendsJournal> {
    let handle: FileHandle | undefined;
    if (!readOnly) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      handle = await open(file, "a+", 0o600);
    } else
      handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
    const journal = new SendsJournal(file, handle, warn);
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
    await this.handle?.close();
  }

  private async append(line: Line): Promise<void> {
    if (!this.handle) throw new Error(`${this.file} was opened read-only: a dry run records nothing.`);
    await this.handle.write(`${JSON.stringify(line)}\n`);
    await this.handle.datasync(); // a claim is on disk before its mail goes, a "sent" before the pass moves on
  }

  /** Reads what was appended since the last read (by any process) and applies it. */
  async refresh(): Promise<void> {
    if (!this.handle) return;
    const { size } = await this.handle.stat();
    if (size <= this.offset) return;
    const buffer = Buffer.alloc(size - this.offset);
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
    this.offset += bytesRead;
    const text = this.pending + buffer.toString("utf8", 0, bytesRead);
    const end = text.lastIndexOf("\n");
    // A line still being written (or cut short by a crash) waits for its newline.
    this.pending = text.slice(end + 1);
    for (const raw of text.slice(0, end + 1).split("\n")) if (raw) this.apply(raw);
  }

  private apply(raw: string): void {
    let line: Line;
    try {
      line = Line.parse(JSON.parse(raw));
    } catch {
      // A line cut short by a crash, joined to the next: neither claim owns anything, so at worst
      // its mail waits for a later pass. Nothing is sent on the strength of a line that cannot be read.
      this.warn(`${this.file}: skipped a line that is not a whole journal entry: ${raw.slice(0, 120)}`);
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
