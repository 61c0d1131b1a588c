import { existsSync } from "node:fs";
import { journalBatches } from "../records/journalReader.ts";
import { factsOf, RecordsIndex } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import { statusRows, type StatusRow } from "./report.ts";
import type { StatusRules } from "./status.ts";

/**
 * Every roster employee's status from a journal read without the server (`npm run export -- --what
 * status` while the server runs): the records are read once, in batches, and only their facts kept.
 * A journal that does not exist yet holds no records.
 */
export async function statusOfJournal(
  journal: string,
  roster: readonly Employee[],
  rules: StatusRules,
  warn: (message: string) => void,
): Promise<StatusRow[]> {
  const index = new RecordsIndex();
  if (existsSync(journal))
    for await (const batch of journalBatches(journal, warn)) for (const record of batch) index.add(factsOf(record));
  return statusRows(roster, index.learners(), rules).rows;
}
