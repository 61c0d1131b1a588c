import { smtpServerName, smtpUrl, smtpUrlProblem } from "./mailer.ts";
import { kitGap, type ReminderKit } from "./reminderKit.ts";

/** Minutes between the server's reminder passes (AUP_REMINDER_INTERVAL_MINUTES, default 60). */
export function reminderIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUP_REMINDER_INTERVAL_MINUTES?.trim();
  if (!raw) return 60;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
    throw new Error(
      `AUP_REMINDER_INTERVAL_MINUTES is ${JSON.stringify(raw)}: write a whole number of minutes from 1 to 1440, or unset it for 60.`,
    );
  return minutes;
}

/**
 * Whether the server's reminder scheduler runs, in one line for HR (the dashboard and the start-up
 * log say the same): `on` is false with the reason and what to do.
 */
export function schedulerState(kit: ReminderKit, env: NodeJS.ProcessEnv = process.env): { on: boolean; line: string } {
  const url = smtpUrl(env);
  if (!url)
    return {
      on: false,
      line: "Reminders are off: AUP_SMTP_URL is not set. Set it to your mail server (e.g. smtp://mail.yourcompany.com:587) and restart the server to send reminders, escalations and the weekly digest.",
    };
  const problem = smtpUrlProblem(url) ?? kitGap(kit);
  if (problem) return { on: false, line: `Reminders are off: ${problem}` };
  const minutes = (() => {
    try {
      return reminderIntervalMinutes(env);
    } catch {
      return undefined;
    }
  })();
  if (minutes === undefined)
    return { on: false, line: `Reminders are off: AUP_REMINDER_INTERVAL_MINUTES is not a number of minutes.` };
  return {
    on: true,
    line: `Reminders are on: a pass every ${minutes} minutes sends through ${smtpServerName(url)}; every send is recorded in the sends journal beside the records.`,
  };
}
