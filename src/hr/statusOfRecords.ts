import type { AcknowledgementRecord } from "../records/record.ts";
import { factsOf, RecordsIndex } from "../records/recordsIndex.ts";
import type { Employee } from "../schemas/employee.ts";
import { statusRows, type StatusRow } from "./report.ts";
import type { StatusRules } from "./status.ts";

/**
 * Every roster employee's status from records read without the server (`npm run export -- --what
 * status` while the servers run): the records are read once, in batches, and only their facts kept.
 */
export async function statusOfRecords(
  batches: AsyncIterable<readonly AcknowledgementRecord[]>,
  roster: readonly Employee[],
  rules: StatusRules,
): Promise<StatusRow[]> {
  const index = new RecordsIndex();
  for await (const batch of batches) for (const record of batch) index.add(factsOf(record));
  return statusRows(roster, index.learners(), rules).rows;
}
