import { statusRows } from "../hr/report.ts";
import type { LearnerHistory } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import { dateIn } from "./businessDays.ts";
import type { Mailer } from "./mailer.ts";
import { planSends, type PlannedSend } from "./planSends.ts";
import { renderEmail } from "./renderEmail.ts";
import { kitGap, type ReminderKit } from "./reminderKit.ts";
import type { SendsJournal } from "./sendsJournal.ts";

export interface PassInput {
  kit: ReminderKit;
  roster: readonly Employee[];
  learners: Iterable<LearnerHistory>;
  journal: SendsJournal;
  now: Date;
  /** Absent for a dry run: nothing is sent and nothing written. */
  mailer?: Mailer;
  /** Why a send failed, in words HR can act on (from the mailer's error). */
  explain: (error: unknown) => string;
}

export interface PassOutcome {
  send: PlannedSend;
  result: "sent" | "would send" | "already sent" | "claimed by another pass" | "failed" | "not tried";
  messageId?: string;
  subject: string;
}

export interface PassSummary {
  today: string;
  outcomes: PassOutcome[];
  /** Set when the mail server failed: the pass stopped there, and the next one sends the rest. */
  error?: string;
}

/**
 * One reminder pass: works out each employee's status today (in the organisation's time zone),
 * plans the emails due, and sends each one whose key no pass has sent or holds. Each send is
 * claimed in the sends journal before it goes and marked after; a mail server that fails stops the
 * pass (the rest would fail the same way) and gives its claim back for the next pass.
 */
export async function reminderPass(input: PassInput): Promise<PassSummary> {
  const { kit, journal, now, mailer } = input;
  const gap = kitGap(kit);
  if (gap || !kit.settings || !kit.templates) throw new Error(gap);
  const { settings, templates } = kit;
  const today = dateIn(now, settings.timeZone);
  const { rows } = statusRows(input.roster, input.learners, { ...kit.policy, today });
  await journal.refresh(); // what other passes sent since this journal was opened
  const outcomes: PassOutcome[] = [];
  let error: string | undefined;
  for (const send of planSends(rows, {
    settings,
    durations: kit.durations,
    policyVersion: kit.policy.remindedVersion,
    today,
  })) {
    const mail = renderEmail(templates[send.kind], kit.values, send.values);
    const outcome = (result: PassOutcome["result"], messageId?: string) =>
      outcomes.push({ send, result, subject: mail.subject, messageId });
    const taken = journal.taken(send.key, now);
    if (taken === "sent") outcome("already sent", journal.state(send.key)?.sent?.messageId);
    else if (taken) outcome("claimed by another pass");
    else if (!mailer) outcome("would send");
    else if (error) outcome("not tried");
    else {
      const claim = await journal.claim(send.key, now, { kind: send.kind, to: send.to, employeeId: send.employeeId });
      if (!claim) {
        outcome(journal.taken(send.key, now) === "sent" ? "already sent" : "claimed by another pass");
        continue;
      }
      try {
        const messageId = await mailer.send({ key: send.key, from: settings.from, to: send.to, ...mail });
        await journal.sent(send.key, claim, now, messageId, mail.subject);
        outcome("sent", messageId);
      } catch (failure) {
        error = input.explain(failure);
        await journal.failed(send.key, claim, now, error);
        outcome("failed");
      }
    }
  }
  return { today, outcomes, error };
}

/** A pass in one line for the log: what was sent, skipped and why. */
export function passLine(summary: PassSummary): string {
  const count = (result: PassOutcome["result"]) => summary.outcomes.filter((o) => o.result === result).length;
  const parts = [
    `${count("sent")} sent`,
    `${count("already sent")} already sent`,
    count("claimed by another pass") && `${count("claimed by another pass")} being sent by another pass`,
    count("would send") && `${count("would send")} to send`,
    count("failed") + count("not tried") && `${count("failed") + count("not tried")} not sent`,
  ].filter(Boolean);
  return `Reminders for ${summary.today}: ${parts.join(", ")}.${summary.error ? ` ${summary.error}` : ""}`;
}
