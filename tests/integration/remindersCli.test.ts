import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { reminderDataDir, runReminders } from "../support/reminderData.ts";
import { recipient, startTestSmtp } from "../support/testSmtp.ts";

const COURSE = "https://aup.kestrel.example/course";

/** What a test reads of a mail: to whom, about what; and that it is whole (link, no placeholder left). */
function summary(mail: ParsedMail) {
  const text = mail.text ?? "";
  const html = typeof mail.html === "string" ? mail.html : "";
  expect(text).toContain(COURSE);
  expect(html).toContain(`href="${COURSE}"`);
  for (const part of [text, html, mail.subject ?? ""]) expect(part).not.toMatch(/\{\{|\}\}/);
  return { to: recipient(mail), subject: mail.subject };
}

const sorted = (mails: ParsedMail[]) =>
  mails.map(summary).sort((a, b) => `${a.to}${a.subject}`.localeCompare(`${b.to}${b.subject}`));

function sendLines(dir: string): { type: string; key: string }[] {
  return readFileSync(dataFiles(dir).sends, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; key: string });
}

describe("npm run reminders", () => {
  it("reminds at the lead time and the overdue cadence, escalates once, sends HR a weekly digest, and skips whoever is on leave", async () => {
    const smtp = await startTestSmtp();
    const dir = reminderDataDir();
    const env = { AUP_SMTP_URL: smtp.url };

    // Tuesday 17 February: Alan's first business day overdue; Edsger long overdue; Ada 9 days ahead.
    const tuesday = await runReminders(dir, "2026-02-17T09:00:00Z", env);
    expect(tuesday.output).toContain("Reminders for 2026-02-17: 4 sent, 0 already sent.");
    expect(tuesday.code).toBe(0);
    expect(sorted(smtp.mails)).toEqual([
      { to: "alan@kestrel.example", subject: "Overdue: the Claude Acceptable Use Policy was due by 16 February 2026" },
      { to: "edsger@kestrel.example", subject: "Overdue: the Claude Acceptable Use Policy was due by 19 January 2026" },
      { to: "grace@kestrel.example", subject: "Edsger Dijkstra is 21 business days overdue on the Claude policy" },
      {
        to: "hr@kestrel.example",
        subject: "Claude policy acknowledgements: 2 overdue, 1 due (17 February 2026)",
      },
    ]);
    const escalation = smtp.mails.find((m) => recipient(m) === "grace@kestrel.example");
    expect(escalation?.text).toContain("Hello Grace Hopper,");
    expect(escalation?.text).toContain("Edsger Dijkstra (edsger@kestrel.example)");
    const digest = smtp.mails.find((m) => recipient(m) === "hr@kestrel.example");
    expect(digest?.text).toContain(
      "- Edsger Dijkstra (edsger@kestrel.example), Risk: 21 business days overdue, due by 2026-01-19; manager told (grace@kestrel.example)",
    );
    expect(digest?.text).toContain(
      "- Alan Turing (alan@kestrel.example), Risk: 1 business day overdue, due by 2026-02-16",
    );
    expect(digest?.text).toContain("https://aup.kestrel.example/admin?status=overdue");
    expect(digest?.text).not.toContain("Barbara"); // on leave
    expect(smtp.mails.map(recipient)).not.toContain("barbara@kestrel.example");
    expect(smtp.mails.map(recipient)).not.toContain("katherine@kestrel.example"); // complete
    expect(smtp.mails.every((m) => m.from?.value[0]?.address === "ai-governance@kestrel.example")).toBe(true);

    // Wednesday: the same steps as yesterday, and the same digest week: nothing new.
    const wednesday = await runReminders(dir, "2026-02-18T09:00:00Z", env);
    expect(wednesday.output).toContain("Reminders for 2026-02-18: 0 sent, 4 already sent.");

    // Monday 23 February: Ada is 5 business days from her due date; a new digest week.
    smtp.mails.length = 0;
    await runReminders(dir, "2026-02-23T09:00:00Z", env);
    expect(sorted(smtp.mails)).toEqual([
      { to: "ada@kestrel.example", subject: "Please acknowledge the Claude Acceptable Use Policy by 2 March 2026" },
      { to: "hr@kestrel.example", subject: "Claude policy acknowledgements: 2 overdue, 1 due (23 February 2026)" },
    ]);
    expect(smtp.mails[0]?.text).toContain("Hello Ada Lovelace,");

    // Tuesday 24 February: 5 business days after the first overdue reminders, the second ones; the
    // manager is not told again.
    smtp.mails.length = 0;
    await runReminders(dir, "2026-02-24T09:00:00Z", env);
    expect(sorted(smtp.mails)).toEqual([
      { to: "alan@kestrel.example", subject: "Overdue: the Claude Acceptable Use Policy was due by 16 February 2026" },
      { to: "edsger@kestrel.example", subject: "Overdue: the Claude Acceptable Use Policy was due by 19 January 2026" },
    ]);
    expect(smtp.mails.find((m) => recipient(m) === "alan@kestrel.example")?.text).toContain("6 business days overdue");

    // Saturday: not a business day, nothing goes.
    const saturday = await runReminders(dir, "2026-02-28T09:00:00Z", env);
    expect(saturday.output).toContain("Reminders for 2026-02-28: 0 sent, 0 already sent.");

    // Every send is in the journal: claimed, then sent with its Message-ID, each key once.
    const sent = sendLines(dir).filter((l) => l.type === "sent");
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((l) => l.key)).size).toBe(8);
  });

  it("--dry-run lists what would be sent and sends and records nothing", async () => {
    const smtp = await startTestSmtp();
    const dir = reminderDataDir();
    const run = await runReminders(dir, "2026-02-17T09:00:00Z", { AUP_SMTP_URL: smtp.url }, ["--dry-run"]);
    expect(run.code).toBe(0);
    expect(run.output).toContain(
      "Reminders for 2026-02-17: 0 sent, 0 already sent, 4 to send. Dry run: nothing was sent or recorded.",
    );
    expect(run.output).toMatch(
      /would send\s+escalation grace@kestrel\.example {2}"Edsger Dijkstra is 21 business days overdue/,
    );
    // Without AUP_SMTP_URL too: a preview needs no mail server.
    const unset = await runReminders(dir, "2026-02-17T09:00:00Z", { AUP_SMTP_URL: "" }, ["--dry-run"]);
    expect(unset.output).toContain("4 to send");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails).toEqual([]);
    expect(existsSync(dataFiles(dir).sends)).toBe(false);
  });

  it("sends each email once when passes run at once in several processes", async () => {
    const smtp = await startTestSmtp();
    const dir = reminderDataDir();
    const runs = await Promise.all(
      [1, 2, 3].map(() => runReminders(dir, "2026-02-17T09:00:00Z", { AUP_SMTP_URL: smtp.url })),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    // Each pass planned all four; between them they sent four.
    const sentBy = runs.map((r) => Number(/: (\d+) sent,/.exec(r.output)?.[1]));
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(4);
    expect(smtp.mails).toHaveLength(4);
    expect(new Set(smtp.mails.map((m) => `${recipient(m)} ${m.subject}`)).size).toBe(4);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(4);
    expect(sendLines(dir).filter((l) => l.type === "sent")).toHaveLength(4);
  });

  it("says clearly when the mail server is down, and a later pass sends what was missed", async () => {
    const dir = reminderDataDir();
    const down = await startTestSmtp();
    const closedUrl = down.url;
    await down.stop(); // nothing listens on its port now
    const failed = await runReminders(dir, "2026-02-17T09:00:00Z", { AUP_SMTP_URL: closedUrl });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(`The mail server at ${closedUrl} could not be reached`);
    expect(failed.output).toContain("nothing was marked sent, so the next pass sends what was missed");
    expect(failed.output).toContain("0 sent, 0 already sent, 4 not sent.");

    const smtp = await startTestSmtp();
    const later = await runReminders(dir, "2026-02-17T10:00:00Z", { AUP_SMTP_URL: smtp.url });
    expect(later.output).toContain("4 sent, 0 already sent.");
    expect(smtp.mails).toHaveLength(4);
  });

  it("leaves a claim without a send alone until it times out, then sends (a pass that crashed mid-send)", async () => {
    const smtp = await startTestSmtp();
    const dir = reminderDataDir();
    // What a pass that crashed after claiming Alan's first overdue reminder leaves behind.
    const claim = {
      type: "claim",
      key: "E-2|1.0.0|2026-02-16|overdue-1",
      claim: "crashed-pass",
      at: "2026-02-17T08:55:00.000Z",
      kind: "overdue",
      to: "alan@kestrel.example",
      employeeId: "E-2",
    };
    writeFileSync(dataFiles(dir).sends, `${JSON.stringify(claim)}\n`, { mode: 0o600 });
    const soon = await runReminders(dir, "2026-02-17T09:00:00Z", { AUP_SMTP_URL: smtp.url });
    expect(soon.output).toContain("3 sent, 0 already sent, 1 being sent by another pass.");
    expect(smtp.mails.map(recipient)).not.toContain("alan@kestrel.example");
    const later = await runReminders(dir, "2026-02-17T09:11:00Z", { AUP_SMTP_URL: smtp.url });
    expect(later.output).toContain("1 sent, 3 already sent.");
    expect(smtp.mails.map(recipient)).toContain("alan@kestrel.example");
  });

  it("refuses to send without AUP_SMTP_URL, saying what to set", async () => {
    const run = await runReminders(reminderDataDir(), "2026-02-17T09:00:00Z", { AUP_SMTP_URL: "" });
    expect(run.code).toBe(1);
    expect(run.output).toContain("AUP_SMTP_URL is not set, so no reminder can be sent.");
    expect(run.output).toContain("--dry-run");
  });
});
