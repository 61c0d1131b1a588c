import { writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { Employee } from "../../src/schemas/employee.ts";
import { dataDirWithJournal } from "./records.ts";

/**
 * A roster that meets every reminder rule with the shipped settings (lead 5, every 5, escalate
 * after 10 business days; Monday digest; Europe/London; policy effective 2026-01-05, 14 days):
 * - E-1 Ada starts 2026-02-16: due by 2026-03-02, 5 business days ahead on Monday 2026-02-23;
 * - E-2 Alan starts 2026-02-02: due by 2026-02-16, 1 business day overdue on Tuesday 2026-02-17;
 * - E-3 Edsger: due by 2026-01-19, 21 business days overdue on 2026-02-17, his manager on file;
 * - E-4 Barbara: as overdue as Edsger, but on leave;
 * - E-5 Katherine: did the onboarding course this quarter (complete).
 */
export const ROSTER: Employee[] = [
  employee("E-1", "Ada Lovelace", "2026-02-16", { managerEmail: "grace@kestrel.example" }),
  employee("E-2", "Alan Turing", "2026-02-02"),
  employee("E-3", "Edsger Dijkstra", "2026-01-01", { managerEmail: "grace@kestrel.example" }),
  employee("E-4", "Barbara Liskov", "2026-01-01", { managerEmail: "grace@kestrel.example", onLeave: true }),
  employee("E-5", "Katherine Johnson", "2026-01-01", { managerEmail: "grace@kestrel.example" }),
];

function employee(id: string, name: string, startDate: string, extra: Partial<Employee> = {}): Employee {
  const email = `${name.split(" ")[0]?.toLowerCase()}@kestrel.example`;
  return { id, name, email, department: "Risk", startDate, manager: "Grace Hopper", ...extra };
}

/** ROSTER as HR's CSV, with the optional manager email and on leave columns. */
function rosterCsv(): string {
  const rows = ROSTER.map((e) =>
    [e.id, e.name, e.email, e.department, e.startDate, e.manager, e.managerEmail ?? "", e.onLeave ? "yes" : "no"].join(
      ",",
    ),
  );
  return ["id,name,email,department,start date,manager,manager email,on leave", ...rows, ""].join("\n");
}

/** A data folder holding ROSTER (imported as HR would, with `npm run roster`) and Katherine's onboarding record. */
export function reminderDataDir(): string {
  const dir = dataDirWithJournal([
    {
      recordedAt: "2026-02-10T10:00:00.000Z",
      fields: {
        learner: { id: "E-5", name: "Katherine Johnson", email: "katherine@kestrel.example", selfAsserted: true },
        signature: "Katherine Johnson",
      },
    },
  ]);
  importReminderRoster(dir);
  return dir;
}

/** Imports ROSTER with `npm run roster`: into the data folder `dir`, or the database `databaseUrl` names. */
export function importReminderRoster(dir: string, databaseUrl = ""): void {
  const file = path.join(dir, "roster.csv");
  writeFileSync(file, rosterCsv());
  const imported = spawnSync(process.execPath, [path.resolve("scripts/roster.ts"), "import", file], {
    env: { ...process.env, AUP_DATA_DIR: dir, AUP_DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (imported.status !== 0) throw new Error(`npm run roster failed: ${imported.stdout}${imported.stderr}`);
}

export interface PassRun {
  code: number | null;
  output: string;
}

/** `npm run reminders` (one pass) over `dir` at the time `now`, as a real process. */
export function runReminders(
  dir: string,
  now: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): Promise<PassRun> {
  const child = spawn(process.execPath, [path.resolve("scripts/reminders.ts"), ...args], {
    env: { ...process.env, AUP_DATA_DIR: dir, AUP_NOW: now, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}
