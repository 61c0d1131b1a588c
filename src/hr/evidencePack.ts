import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createWriteStream } from "node:fs";
import { parseCheckpoint } from "../evidence/checkpoint.ts";
import { journalBatches } from "../records/journalReader.ts";
import type { StoredLines } from "../records/storedLines.ts";
import { StoreError } from "../records/storeError.ts";
import { factsOf, RecordsIndex } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import { evidenceReadme } from "./evidenceReadme.ts";
import { csvLine, exportStream, neutraliseCell } from "./exportRecords.ts";
import { statusRows } from "./report.ts";
import { statusExportStream } from "./statusExport.ts";
import type { StatusRules } from "./status.ts";
import { ZipFile } from "./zipFile.ts";

export interface EvidenceSources {
  /** The first `upTo` records as stored (the journal's lines, or the records table's). */
  lines: (upTo: number) => StoredLines;
  /** The latest signed checkpoint: the pack holds exactly the records it covers. */
  checkpoint: string;
  jwks: { keys: unknown[] };
  roster: readonly Employee[];
  /** The published policy: its version, hash and the text the hash is of (canonicalPolicyText). */
  policy: { version: string; hash: string; text: string };
  rules: StatusRules;
  /** The reminders' sends journal: who was chased, when, and what failed. */
  sends: readonly string[];
  warn: (message: string) => void;
}

export interface PackSummary {
  records: number;
  employees: number;
  files: string[];
}

/**
 * Writes the auditor's evidence pack to `out` (a zip): the records the latest checkpoint covers
 * (JSONL exactly as the journal holds them, and CSV), the checkpoint, the public keys, the policy
 * text with its hash, the roster's status, a README saying how to check each part without this
 * system, and SHA256SUMS of every file.
 */
export async function writeEvidencePack(out: string, sources: EvidenceSources): Promise<PackSummary> {
  const split = sources.checkpoint.lastIndexOf("\n\n");
  const { size, origin } = parseCheckpoint(sources.checkpoint.slice(0, split + 1));
  const work = mkdtempSync(path.join(tmpdir(), "aup-evidence-"));
  try {
    // The records the checkpoint covers, copied first: the journal may grow while the pack is made.
    const records = path.join(work, "acknowledgements.jsonl");
    await copyLines(sources.lines(size), size, records);
    const index = new RecordsIndex();
    for await (const batch of journalBatches(records, sources.warn))
      for (const record of batch) index.add(factsOf(record));
    const { rows, flagged } = statusRows(sources.roster, index.learners(), sources.rules);

    const zip = new ZipFile(out);
    const policyFile = `policy/${sources.policy.version}.txt`;
    await zip.add("checkpoint.txt", [sources.checkpoint]);
    await zip.add("jwks.json", [`${JSON.stringify(sources.jwks, null, 2)}\n`]);
    await zip.add("records/acknowledgements.jsonl", createReadStream(records));
    // Read in this thread, not by csvExport's workers: the server's bundled routes cannot start them.
    const csv = exportStream(journalBatches(records, sources.warn), sources.roster, { format: "csv" });
    await zip.add("records/acknowledgements.csv", csv as AsyncIterable<string>);
    // The same columns as the dashboard's status export: flags (self-asserted, a name that differs) included.
    await zip.add(
      "roster/status.csv",
      statusExportStream(rows, { format: "csv", today: sources.rules.today }) as AsyncIterable<string>,
    );
    await zip.add("roster/unmatched.csv", unmatchedCsv(flagged));
    await zip.add(policyFile, [sources.policy.text]);
    const versions = [...new Map([...index.facts()].map(({ policy }) => [policy.hash, policy.version]))].map(
      ([hash, version]) =>
        csvLine(
          [version, hash, hash === sources.policy.hash ? policyFile : "(text not in this pack)"].map(neutraliseCell),
        ),
    );
    await zip.add("policy/versions.csv", ["version,sha256,text\r\n", ...versions]);
    await zip.add("reminders/sends.jsonl", [sources.sends.map((line) => `${line}\n`).join("")]);
    await zip.add("README.md", [
      evidenceReadme({ origin, size, policy: sources.policy, policyFile, employees: rows.length }),
    ]);
    await zip.add("SHA256SUMS", [zip.sums.map(([name, sum]) => `${sum}  ${name}\n`).join("")]);
    zip.close();
    return { records: size, employees: rows.length, files: zip.sums.map(([name]) => name) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the `count` lines of `lines` (each with its newline) to `to`; fewer is damage. */
async function copyLines(lines: StoredLines, count: number, to: string): Promise<void> {
  let copied = 0;
  async function* text() {
    for await (const run of lines) {
      copied += run.length;
      yield run.map((line) => `${line}\n`).join("");
    }
  }
  await pipeline(text(), createWriteStream(to, { mode: 0o600 }));
  if (copied < count)
    throw new StoreError(
      "damaged",
      `The store holds ${copied} records, fewer than the ${count} its latest checkpoint covers: run npm run verify before making a pack.`,
    );
}

/** Learners whose records count for no roster employee, and why: what HR must look at. */
function* unmatchedCsv(flagged: ReturnType<typeof statusRows>["flagged"]): Generator<string> {
  yield csvLine(["learner_id", "email", "records", "reason"]);
  for (const { learner, reason } of flagged)
    yield csvLine([learner.id, learner.email, String(learner.recordCount), reason].map(neutraliseCell));
}
