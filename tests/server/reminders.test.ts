import { describe, expect, inject, it } from "vitest";
import type { RunningServer } from "../../scripts/harness/server.ts";
import { twoServersOnOneDatabase } from "../support/postgresServers.ts";
import { importReminderRoster, reminderDataDir, runReminders } from "../support/reminderData.ts";
import { serveData } from "../support/servedData.ts";
import { recipient, startTestSmtp } from "../support/testSmtp.ts";

const baseUrl = inject("baseUrl");
const token = inject("adminToken");

/** The server's log once it holds `text` (a pass's line), failing after `seconds`. */
async function logged(server: RunningServer, text: string, seconds = 20): Promise<string> {
  const until = Date.now() + seconds * 1000;
  while (!server.output().includes(text)) {
    if (Date.now() > until) throw new Error(`The server never logged "${text}". Output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server.output();
}

const dashboard = async (url: string, adminToken: string) =>
  (await fetch(`${url}/admin`, { headers: { authorization: `Bearer ${adminToken}` } })).text();

describe("the server's reminder scheduler", () => {
  it("is off without AUP_SMTP_URL, and the dashboard says so", async () => {
    expect(await dashboard(baseUrl, token)).toContain(
      "Reminders are off: AUP_SMTP_URL is not set. Set it to your mail server",
    );
  });

  it("sends at start, says so on the dashboard, and sends nothing twice across a restart", async () => {
    const smtp = await startTestSmtp();
    const dir = reminderDataDir();
    const env = {
      AUP_SMTP_URL: smtp.url,
      AUP_NOW: "2026-02-17T09:00:00Z",
      AUP_ADMIN_TOKEN: "reminders-admin-token-0123",
    };
    const first = await serveData(dir, env);
    expect(await logged(first, "Reminders for 2026-02-17: 4 sent, 0 already sent.")).toContain(
      `Reminders are on: a pass every 60 minutes sends through ${smtp.url}`,
    );
    expect(smtp.mails.map(recipient).sort()).toEqual([
      "alan@kestrel.example",
      "edsger@kestrel.example",
      "grace@kestrel.example",
      "hr@kestrel.example",
    ]);
    expect(await dashboard(first.url, env.AUP_ADMIN_TOKEN)).toContain(
      `Reminders are on: a pass every 60 minutes sends through ${smtp.url}`,
    );
    await first.stop();

    const second = await serveData(dir, env);
    await logged(second, "Reminders for 2026-02-17: 0 sent, 4 already sent.");
    expect(smtp.mails).toHaveLength(4);
  });

  it("sends each reminder once when two servers on one PostgreSQL database both run the scheduler, and npm run reminders beside them sends nothing more", async () => {
    const smtp = await startTestSmtp();
    const env = {
      AUP_SMTP_URL: smtp.url,
      AUP_NOW: "2026-02-17T09:00:00Z",
      AUP_ADMIN_TOKEN: "reminders-admin-token-0123",
    };
    const { url, a, b, dirs } = await twoServersOnOneDatabase(env, (databaseUrl, dir) =>
      importReminderRoster(dir, databaseUrl),
    );
    const [logA, logB] = await Promise.all([a, b].map((server) => logged(server, "Reminders for 2026-02-17: ")));
    const sentBy = (log: string) => Number(/Reminders for 2026-02-17: (\d+) sent/.exec(log)?.[1]);
    const sent = sentBy(logA as string) + sentBy(logB as string);
    // The single server's four, and Katherine's (her record is not in this database, so she is overdue too).
    expect(sent).toBeGreaterThan(4);
    await smtp.received(sent);
    expect(smtp.mails).toHaveLength(sent);
    const sends = smtp.mails.map((mail) => `${recipient(mail)} ${mail.subject}`);
    expect(new Set(sends).size).toBe(sends.length);
    const cli = await runReminders(dirs[0], env.AUP_NOW, { AUP_SMTP_URL: smtp.url, AUP_DATABASE_URL: url });
    expect(cli.output).toMatch(/Reminders for 2026-02-17: 0 sent, \d+ already sent/);
    expect(cli.code).toBe(0);
    expect(smtp.mails.map((mail) => `${recipient(mail)} ${mail.subject}`)).toEqual(sends);
  });

  it("refuses to start with an AUP_SMTP_URL no pass could use, saying what to write", async () => {
    await expect(serveData(reminderDataDir(), { AUP_SMTP_URL: "http://mail.example" })).rejects.toThrow(
      /aup-course cannot start: AUP_SMTP_URL starts with http:\/\/ where smtp:\/\/ or smtps:\/\/ is needed/,
    );
  });
});
