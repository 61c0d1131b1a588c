import { writeFileSync } from "node:fs";
import type { ReminderKit } from "../reminders/reminderKit.ts";

/** The kit's file name in the server build (dist/server/), beside entry.mjs. */
export const REMINDER_KIT_FILE = "reminders.json";

/**
 * Writes what the reminder scheduler needs beside the server build: the server entry
 * (src/server/main.ts) runs outside the bundle and reads it there, never content/.
 */
export function writeReminderKit(serverDir: URL, kit: ReminderKit): void {
  writeFileSync(new URL(REMINDER_KIT_FILE, serverDir), `${JSON.stringify(kit)}\n`);
}
