import { existsSync, readFileSync } from "node:fs";
import type { RecordsStore } from "../records/recordsStore.ts";
import { reminderClock } from "./clock.ts";
import { sendFailure, smtpMailer, smtpUrl, smtpUrlProblem } from "./mailer.ts";
import { passLine, reminderPass } from "./reminderPass.ts";
import type { ReminderKit } from "./reminderKit.ts";
import { reminderIntervalMinutes, schedulerState } from "./schedulerState.ts";
import { SendsJournal } from "./sendsJournal.ts";

/** The reminder kit the build wrote beside the server entry, or why there is none. */
export function readReminderKit(file: URL): ReminderKit | string {
  if (!existsSync(file)) return `the build has no ${file.pathname.split("/").at(-1)}: build again (npm run build).`;
  return JSON.parse(readFileSync(file, "utf8")) as ReminderKit;
}

/** Refuses settings that would make every pass fail (a start that stops beats reminders that never go). */
export function checkReminderEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const url = smtpUrl(env);
  const problem = url && smtpUrlProblem(url);
  if (problem) throw new Error(problem);
  reminderIntervalMinutes(env);
  reminderClock(env);
}

/**
 * The server's reminder scheduler: a pass at start and every AUP_REMINDER_INTERVAL_MINUTES, never
 * two at once in this process (another process's pass at the same time is safe: the sends journal
 * decides who sends). Off without AUP_SMTP_URL, saying so. Returns `stop`, which waits for a pass
 * under way, or undefined when off.
 */
export async function startReminderScheduler(
  kit: ReminderKit | string,
  store: RecordsStore,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<(() => Promise<void>) | undefined> {
  if (typeof kit === "string") {
    log(`Reminders are off: ${kit}`);
    return undefined;
  }
  const state = schedulerState(kit, env);
  log(state.line);
  const url = smtpUrl(env);
  if (!state.on || !url) return undefined;
  const journal = await SendsJournal.open(await store.sendsLines(), log);
  const mailer = smtpMailer(url);
  const now = reminderClock(env);
  let running: Promise<void> | undefined;
  const pass = () => {
    running ??= reminderPass({
      kit,
      roster: store.roster(),
      learners: store.index.learners(),
      journal,
      now: now(),
      mailer,
      explain: (error) => sendFailure(url, error),
    })
      .then((summary) => log(passLine(summary)))
      .catch((error: unknown) => log(`Reminders: the pass stopped: ${(error as Error).message}`))
      .finally(() => (running = undefined));
    return running;
  };
  void pass();
  const timer = setInterval(() => void pass(), reminderIntervalMinutes(env) * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    mailer.close();
    await journal.close();
  };
}
