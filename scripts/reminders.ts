// `npm run reminders [-- --dry-run]`: one reminder pass over the data folder (AUP_DATA_DIR, default
// ./data) or the database AUP_DATABASE_URL names, as the server's scheduler makes every hour: due and overdue reminders, escalations to
// managers and HR's weekly digest, through AUP_SMTP_URL. --dry-run lists what would be sent and
// sends and writes nothing. Safe while the servers run, and beside another pass: the sends journal
// (data/reminders.jsonl, or the database's reminder_sends table) lets each email go once.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ContentError } from "../src/lib/contentProblem.ts";
import { contentDir } from "../src/policy/paths.ts";
import { publish } from "../src/published/published.ts";
import { dataDir, dataFiles } from "../src/records/dataFiles.ts";
import { journalBatches } from "../src/records/journalReader.ts";
import { factsOf, RecordsIndex } from "../src/records/recordsIndex.ts";
import { readRoster } from "../src/records/stateFile.ts";
import { openConfiguredStore } from "../src/records/openStore.ts";
import { fileSendsLines } from "../src/records/sendsLines.ts";
import { isStoreError } from "../src/records/storeError.ts";
import { reminderClock } from "../src/reminders/clock.ts";
import { sendFailure, smtpMailer, smtpUrl, smtpUrlProblem } from "../src/reminders/mailer.ts";
import { passLine, reminderPass } from "../src/reminders/reminderPass.ts";
import { kitGap } from "../src/reminders/reminderKit.ts";
import { SendsJournal } from "../src/reminders/sendsJournal.ts";
import { scenariosDir } from "../src/scenarios/loadScenarios.ts";

const USAGE = "Usage: npm run reminders [-- --dry-run]";

function fail(message: string, code = 1): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let dryRun = false;
try {
  dryRun = parseArgs({ options: { "dry-run": { type: "boolean" } }, strict: true }).values["dry-run"] ?? false;
} catch (error) {
  fail((error as Error).message, 2);
}

const published = publish({ contentDir: contentDir(), scenariosDir: scenariosDir() });
if (published.problems.length)
  fail(`${new ContentError(published.problems).message}\nFix them, then run the pass again.`);
const kit = published.reminders;
const gap = kitGap(kit);
if (gap) fail(`No reminders can be sent: ${gap}`);
const url = smtpUrl();
if (!dryRun && !url)
  fail(
    "AUP_SMTP_URL is not set, so no reminder can be sent. Set it to your mail server (e.g. smtp://mail.yourcompany.com:587), or add --dry-run to see what would be sent.",
  );
const urlProblem = url && smtpUrlProblem(url);
if (!dryRun && urlProblem) fail(urlProblem);
let now: () => Date;
try {
  now = reminderClock();
} catch (error) {
  fail((error as Error).message);
}

const dir = path.resolve(dataDir());
const warn = (message: string) => console.error(message);
const source = await passSource().catch((error: unknown) => {
  if (isStoreError(error)) fail(error.message);
  throw error;
});
const journal = await SendsJournal.open(await source.lines(dryRun), warn);

/**
 * What the pass reads: from PostgreSQL when AUP_DATABASE_URL is set (beside the running servers),
 * otherwise the data folder's files, read without the server's lock as npm run export does (the
 * roster file is replaced whole, and the journal only grows).
 */
async function passSource() {
  if (process.env.AUP_DATABASE_URL?.trim()) {
    const store = await openConfiguredStore(dir);
    return {
      roster: store.roster(),
      learners: store.index.learners(),
      lines: (readOnly: boolean) => store.sendsLines(readOnly),
      close: () => store.close(),
    };
  }
  if (!existsSync(dir)) fail(`${dir} does not exist: set AUP_DATA_DIR to the server's data folder.`);
  const files = dataFiles(dir);
  const index = new RecordsIndex();
  const roster = await readRoster(dir);
  if (existsSync(files.journal))
    for await (const batch of journalBatches(files.journal, warn))
      for (const record of batch) index.add(factsOf(record));
  return {
    roster,
    learners: index.learners(),
    lines: (readOnly: boolean) => fileSendsLines(files.sends, readOnly),
    close: () => Promise.resolve(),
  };
}

const mailer = dryRun || !url ? undefined : smtpMailer(url);
try {
  const summary = await reminderPass({
    kit,
    roster: source.roster,
    learners: source.learners,
    journal,
    now: now(),
    mailer,
    explain: (error) => sendFailure(url ?? "", error),
  });
  for (const { send, result, subject } of summary.outcomes)
    console.log(`${result.padEnd(23)} ${send.kind.padEnd(10)} ${send.to}  "${subject}"`);
  console.log(dryRun ? `${passLine(summary)} Dry run: nothing was sent or recorded.` : passLine(summary));
  if (summary.error) process.exitCode = 1;
} finally {
  mailer?.close();
  await journal.close();
  await source.close();
}
